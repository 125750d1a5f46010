/**
 * Snapshots of what visitors are shown: for each site as loaded and each language, one document holding the banner
 * (first layer, choices open), the charter and the registry, rendered with the pages' own templates and named by its
 * SHA-256. It reads consent and charter (their banner and page), and hands each new snapshot to the consent records,
 * which keep it: nothing of the visitor's path knows it but through consent's {@code SnapshotHashes}.
 */
@NullMarked
package org.chartecookies.snapshot;

import org.jspecify.annotations.NullMarked;
