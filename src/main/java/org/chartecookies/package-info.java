/**
 * Charte cookies: a cookie charter page and a server-rendered consent banner, driven by a YAML cookie registry.
 */
@NullMarked
package org.chartecookies;

import org.jspecify.annotations.NullMarked;
