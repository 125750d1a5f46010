/**
 * The cookies_preferences cookie, the consent endpoint and the banner.
 */
@NullMarked
package org.chartecookies.consent;

import org.jspecify.annotations.NullMarked;
