/**
 * The cookie charter page.
 */
@NullMarked
package org.chartecookies.charter;

import org.jspecify.annotations.NullMarked;
