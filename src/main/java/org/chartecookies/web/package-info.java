/**
 * Cross-cutting web concerns: locale, security headers, cross-origin protection, error pages.
 */
@NullMarked
package org.chartecookies.web;

import org.jspecify.annotations.NullMarked;
