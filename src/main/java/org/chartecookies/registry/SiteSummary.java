package org.chartecookies.registry;

import java.net.URI;

/**
 * What every page says of the site: its name and address, and the registry revision decisions answer.
 */
public record SiteSummary(String name, URI url, int revision) {
}
