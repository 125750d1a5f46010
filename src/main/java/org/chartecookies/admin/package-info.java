/**
 * The operator's back office under {@code /admin}: form login against configured accounts, a dashboard of the
 * decisions, a lookup by consent id, a CSV export and the chain verification. The only part of the application with a
 * session; Spring Security sees no other address.
 */
@NullMarked
package org.chartecookies.admin;

import org.jspecify.annotations.NullMarked;
