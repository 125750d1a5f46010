/**
 * The YAML cookie registry: immutable model, strict loading and validation at start-up.
 */
@NullMarked
package org.chartecookies.registry;

import org.jspecify.annotations.NullMarked;
