package org.chartecookies.registry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/registry}, for the operator: the sites served (revision, hosts) and the files' problems;
 * {@code POST} reads the registry folder again at once. Not exposed unless the operator exposes it
 * ({@code management.endpoints.web.exposure.include}), on a management port of its own.
 */
@Endpoint(id = "registry")
class RegistryEndpoint {

	private final Sites sites;

	RegistryEndpoint(Sites sites) {
		this.sites = sites;
	}

	record SiteState(String name, int revision, List<String> hosts) {
	}

	record State(Map<String, SiteState> sites, Map<String, String> problems) {
	}

	@ReadOperation
	State state() {
		Map<String, SiteState> served = new TreeMap<>();
		this.sites.all()
			.forEach((site) -> served.put(site.id(), new SiteState(site.registry().site().name(),
					site.registry().revision(), site.registry().site().hosts())));
		return new State(served, this.sites.problems());
	}

	@WriteOperation
	State reload() {
		this.sites.reload();
		return state();
	}

}
