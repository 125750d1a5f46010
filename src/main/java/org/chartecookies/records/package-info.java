/**
 * Proof of consent: every decision kept as a record in a database, in a tamper-evident hash chain per writer, written
 * asynchronously (the visitor's answer never waits on the database), purged after the retention period.
 */
@NullMarked
package org.chartecookies.records;

import org.jspecify.annotations.NullMarked;
