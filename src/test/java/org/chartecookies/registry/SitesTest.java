package org.chartecookies.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;

import org.chartecookies.site.RequestSites;
import org.chartecookies.site.UnknownSiteException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A folder of registries, one file per site, read from real files: each host finds its own site, an unknown host none
 * (or the default site), and a file changed, added, broken, fixed or removed takes effect when the folder is read
 * again, a broken file never replacing the version served.
 */
@ExtendWith(OutputCaptureExtension.class)
class SitesTest {

	private static final Path EXAMPLE = Path.of("examples/sites");

	@TempDir
	Path folder;

	@BeforeEach
	void copyTheExample() throws IOException {
		for (String file : new String[] { "opendata.yaml", "shop.yaml" }) {
			Files.copy(EXAMPLE.resolve(file), this.folder.resolve(file));
		}
	}

	private Sites sites(String defaultSite) {
		return Sites.folder(this.folder, defaultSite, new RegistryLoader(Registries.VALIDATOR));
	}

	private void write(String file, String text) throws IOException {
		Path temporary = this.folder.resolve("." + file + ".tmp");
		Files.writeString(temporary, text);
		Files.move(temporary, this.folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
	}

	private String shop() throws IOException {
		return Files.readString(this.folder.resolve("shop.yaml"));
	}

	@Test
	void theExampleFolderServesTwoSitesEachOnItsOwnHosts() {
		Sites sites = sites(null);

		assertThat(sites.all()).extracting(HostedSite::id).containsExactly("opendata", "shop");
		assertThat(sites.forHost("opendata.example.org").registry().site().name()).isEqualTo("Opendatasoft");
		assertThat(sites.forHost("www.opendata.example.org").id()).isEqualTo("opendata");
		assertThat(sites.forHost("shop.example.org").registry().site().name()).isEqualTo("La Boutique");
		assertThat(sites.forHost("SHOP.Example.org.").id()).as("any case, a trailing dot").isEqualTo("shop");
		assertThat(sites.problems()).isEmpty();
	}

	@Test
	void anUnknownHostGetsNoSiteOrTheDefaultOneNeverAnother() {
		assertThat(sites(null).forHost("elsewhere.example.org")).isNull();
		assertThat(sites(null).forHost(null)).isNull();
		assertThat(sites("shop").forHost("elsewhere.example.org").id()).isEqualTo("shop");

		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cookies");
		request.setServerName("elsewhere.example.org");
		assertThatExceptionOfType(UnknownSiteException.class).isThrownBy(() -> new RequestSites(sites(null)).of(request))
			.withMessageContaining("elsewhere.example.org");
	}

	@Test
	void aRequestKeepsTheSiteItStartedWithWhileTheFolderIsReloaded() throws IOException {
		Sites sites = sites(null);
		RequestSites requests = new RequestSites(sites);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cookies");
		request.setServerName("shop.example.org");
		HostedSite first = requests.of(request);

		write("shop.yaml", shop().replace("revision: 3", "revision: 4"));
		sites.reload();

		assertThat(requests.of(request)).isSameAs(first);
		assertThat(sites.forHost("shop.example.org").registry().revision()).isEqualTo(4);
	}

	@Test
	void anEditedFileIsServedFromTheNextReadAndAnUnchangedOneIsNotLoadedAgain() throws IOException {
		Sites sites = sites(null);
		HostedSite opendata = sites.forHost("opendata.example.org");

		write("shop.yaml", shop().replace("revision: 3", "revision: 4").replace("name: basket", "name: basket_v2"));
		sites.reload();

		HostedSite shop = sites.forHost("shop.example.org");
		assertThat(shop.registry().revision()).isEqualTo(4);
		assertThat(shop.registry().cookies()).extracting(CookieDeclaration::name).contains("basket_v2");
		assertThat(sites.forHost("opendata.example.org")).isSameAs(opendata);
	}

	@Test
	void anInvalidFileNeverReplacesTheVersionServedAndItsProblemIsKeptUntilFixed() throws IOException {
		Sites sites = sites(null);
		HostedSite served = sites.forHost("shop.example.org");
		String good = shop();

		write("shop.yaml", good.replace("revision: 3", "revision: 4").replace("category: advertising", "category: ads"));
		sites.reload();

		assertThat(sites.forHost("shop.example.org")).isSameAs(served);
		assertThat(sites.problems()).containsOnlyKeys("shop.yaml");
		assertThat(sites.problems().get("shop.yaml")).contains("shop.yaml")
			.contains("line 75, column 15")
			.contains("cookies[2] (ad_click): category 'ads' is not declared under categories");

		write("shop.yaml", good.replace("revision: 3", "revision: 5"));
		sites.reload();

		assertThat(sites.problems()).isEmpty();
		assertThat(sites.forHost("shop.example.org").registry().revision()).isEqualTo(5);
	}

	@Test
	void aFileAddedIsANewSiteAndAFileRemovedIsGone() throws IOException {
		Sites sites = sites(null);

		write("museum.yaml", shop().replace("hosts: [shop.example.org]", "hosts: [museum.example.org]")
			.replace("name: La Boutique", "name: Le Musée"));
		Files.delete(this.folder.resolve("opendata.yaml"));
		sites.reload();

		assertThat(sites.all()).extracting(HostedSite::id).containsExactly("museum", "shop");
		assertThat(sites.forHost("museum.example.org").registry().site().name()).isEqualTo("Le Musée");
		assertThat(sites.forHost("opendata.example.org")).isNull();
	}

	@Test
	void aHostAnsweredByAnotherSiteIsRefusedAndTheSiteKeepsItsLastGoodVersion() throws IOException {
		Sites sites = sites(null);

		write("shop.yaml", shop().replace("hosts: [shop.example.org]", "hosts: [shop.example.org, opendata.example.org]")
			.replace("revision: 3", "revision: 4"));
		sites.reload();

		assertThat(sites.forHost("opendata.example.org").id()).isEqualTo("opendata");
		assertThat(sites.forHost("shop.example.org").registry().revision()).isEqualTo(3);
		assertThat(sites.problems().get("shop.yaml"))
			.contains("'opendata.example.org' is a host of the site 'opendata' (opendata.yaml) already");
	}

	/** Whatever the files' names sort as, the site in place keeps its hosts and the file claiming one is refused. */
	@Test
	void aSiteServedKeepsItsHostsWhenAnEditedOrANewFileClaimsOne() throws IOException {
		Sites sites = sites(null);
		String opendata = Files.readString(this.folder.resolve("opendata.yaml"));

		write("opendata.yaml", opendata.replace("hosts: [opendata.example.org, www.opendata.example.org]",
				"hosts: [opendata.example.org, www.opendata.example.org, shop.example.org]"));
		write("aaa.yaml", shop().replace("name: La Boutique", "name: Une autre boutique"));
		sites.reload();

		assertThat(sites.forHost("shop.example.org").registry().site().name()).isEqualTo("La Boutique");
		assertThat(sites.forHost("opendata.example.org").id()).as("its last good version").isEqualTo("opendata");
		assertThat(sites.all()).extracting(HostedSite::id).containsExactly("opendata", "shop");
		assertThat(sites.problems()).containsOnlyKeys("aaa.yaml", "opendata.yaml");
		assertThat(sites.problems().get("opendata.yaml"))
			.contains("'shop.example.org' is a host of the site 'shop' (shop.yaml) already");
		assertThat(sites.problems().get("aaa.yaml"))
			.contains("'shop.example.org' is a host of the site 'shop' (shop.yaml) already");
	}

	/**
	 * A file added under a name that sorts first, claiming the host of a site served, is refused while the application
	 * runs; at the next start nothing tells which of the two files came first, so neither is served, both are named
	 * (log, health), and the site comes back once the newcomer gives the host up.
	 */
	@Test
	void aHostClaimedByTwoFilesIsNeverHandedToTheNewcomerAtTheNextStart(CapturedOutput log) throws IOException {
		Sites running = sites(null);
		write("aaa.yaml", shop().replace("name: La Boutique", "name: Une autre boutique"));
		running.reload();
		assertThat(running.forHost("shop.example.org").registry().site().name()).isEqualTo("La Boutique");

		Sites restarted = sites(null);

		String problem = "site.hosts: 'shop.example.org' is claimed by aaa.yaml and shop.yaml, and no site answered"
				+ " for it before";
		assertThat(restarted.forHost("shop.example.org")).isNull();
		assertThat(restarted.all()).extracting(HostedSite::id).containsExactly("opendata");
		assertThat(restarted.problems()).containsOnlyKeys("aaa.yaml", "shop.yaml")
			.allSatisfy((file, said) -> assertThat(said).contains(file, problem));
		assertThat(new RegistryHealthIndicator(restarted).health().getDetails()).containsEntry("problems",
				restarted.problems());
		assertThat(log.getOut().lines().filter((line) -> line.contains(" ERROR ") && line.contains(problem)))
			.hasSize(2)
			.anySatisfy((line) -> assertThat(line).contains("aaa.yaml: " + problem))
			.anySatisfy((line) -> assertThat(line).contains("shop.yaml: " + problem));

		Files.delete(this.folder.resolve("aaa.yaml"));
		restarted.reload();

		assertThat(restarted.forHost("shop.example.org").registry().site().name()).isEqualTo("La Boutique");
		assertThat(restarted.problems()).isEmpty();
	}

	/** Two files added at once for one new host: neither came first, neither gets it. */
	@Test
	void twoNewFilesClaimingOneHostAreBothRefused() throws IOException {
		Sites sites = sites(null);
		String museum = shop().replace("hosts: [shop.example.org]", "hosts: [museum.example.org]");

		write("museum.yaml", museum);
		write("gallery.yaml", museum.replace("name: La Boutique", "name: La Galerie"));
		sites.reload();

		assertThat(sites.forHost("museum.example.org")).isNull();
		assertThat(sites.problems()).containsOnlyKeys("gallery.yaml", "museum.yaml");
		assertThat(sites.problems().get("museum.yaml"))
			.contains("'museum.example.org' is claimed by gallery.yaml and museum.yaml");
	}

	/**
	 * A link in the folder to a file outside it is never read, whatever that file holds: not served, and not a word
	 * of it in the problem, the log or the health details.
	 */
	@Test
	void aLinkToAFileOutsideTheFolderIsNeverRead(@TempDir Path elsewhere, CapturedOutput log) throws IOException {
		Path secret = Files.writeString(elsewhere.resolve("shadow"), "root:$y$j9T$s3cr3t:19000:0:99999:7:::\n");
		Path registry = Files.writeString(elsewhere.resolve("museum.yaml"),
				shop().replace("hosts: [shop.example.org]", "hosts: [museum.example.org]"));
		Files.createSymbolicLink(this.folder.resolve("shadow.yaml"), secret);
		Files.createSymbolicLink(this.folder.resolve("museum.yaml"), registry);

		Sites sites = sites(null);

		assertThat(sites.forHost("museum.example.org")).as("a valid registry, but outside the folder").isNull();
		assertThat(sites.all()).extracting(HostedSite::id).containsExactly("opendata", "shop");
		assertThat(sites.problems()).containsOnlyKeys("museum.yaml", "shadow.yaml");
		assertThat(sites.problems().get("shadow.yaml")).endsWith("shadow.yaml: the file is a link to a file outside"
				+ " the registry folder, which is never read (a link may point inside the folder only, as a Kubernetes"
				+ " config map's do)");
		assertThat(new RegistryHealthIndicator(sites).health().getDetails().toString()).doesNotContain("s3cr3t");
		assertThat(log.getAll()).doesNotContain("s3cr3t");
	}

	/**
	 * A Kubernetes config map mounted as the folder: each file a link into {@code ..data}, itself a link to the
	 * folder of the current version, all inside the folder. Its sites are served, and a new version (the
	 * {@code ..data} link swapped at once) is read.
	 */
	@Test
	void aConfigMapMountWhoseLinksStayInsideTheFolderIsServed(@TempDir Path mount) throws IOException {
		Path first = Files.createDirectory(mount.resolve("..2026_12_06_10_00_00.123"));
		for (String file : new String[] { "opendata.yaml", "shop.yaml" }) {
			Files.copy(this.folder.resolve(file), first.resolve(file));
			Files.createSymbolicLink(mount.resolve(file), Path.of("..data", file));
		}
		Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());

		Sites sites = Sites.folder(mount, null, new RegistryLoader(Registries.VALIDATOR));

		assertThat(sites.all()).extracting(HostedSite::id).containsExactly("opendata", "shop");
		assertThat(sites.forHost("shop.example.org").registry().revision()).isEqualTo(3);
		assertThat(sites.problems()).isEmpty();

		Path second = Files.createDirectory(mount.resolve("..2026_12_06_10_05_00.456"));
		Files.copy(first.resolve("opendata.yaml"), second.resolve("opendata.yaml"));
		Files.writeString(second.resolve("shop.yaml"), shop().replace("revision: 3", "revision: 4"));
		Files.createSymbolicLink(mount.resolve("..data_tmp"), second.getFileName());
		Files.move(mount.resolve("..data_tmp"), mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
		sites.reload();

		assertThat(sites.forHost("shop.example.org").registry().revision()).isEqualTo(4);
		assertThat(sites.problems()).isEmpty();
	}

	@Test
	void aFolderThatCannotBeReadForAMomentKeepsEverySiteServed() throws IOException {
		Sites sites = sites(null);
		Path away = this.folder.resolveSibling(this.folder.getFileName() + ".away");

		Files.move(this.folder, away);
		try {
			sites.reload();

			assertThat(sites.all()).extracting(HostedSite::id).containsExactly("opendata", "shop");
			assertThat(sites.forHost("shop.example.org").id()).isEqualTo("shop");
			assertThat(sites.problems()).containsOnlyKeys(this.folder.toString());
		}
		finally {
			Files.move(away, this.folder);
		}
		sites.reload();

		assertThat(sites.problems()).isEmpty();
	}

	/** A volume not mounted shows as an empty folder: every site stays served, and the problem says why. */
	@Test
	void aFolderEmptiedForAMomentKeepsEverySiteServed() throws IOException {
		Sites sites = sites("opendata");
		Path away = this.folder.resolveSibling(this.folder.getFileName() + ".away");

		Files.move(this.folder, away);
		Files.createDirectory(this.folder);
		try {
			sites.reload();

			assertThat(sites.all()).extracting(HostedSite::id).containsExactly("opendata", "shop");
			assertThat(sites.forHost("shop.example.org").id()).isEqualTo("shop");
			assertThat(sites.problems()).containsOnlyKeys(this.folder.toString());
			assertThat(sites.problems().get(this.folder.toString())).contains("holds no registry file");
		}
		finally {
			Files.delete(this.folder);
			Files.move(away, this.folder);
		}
		sites.reload();

		assertThat(sites.problems()).isEmpty();
	}

	@Test
	void aCookieDomainThatDoesNotCoverEachHostOfItsSiteIsRefused() throws IOException {
		write("shop.yaml", shop().replace("  hosts: [shop.example.org]",
				"  hosts: [shop.example.org, shop.example.com]\n  cookieDomain: shop.example.org"));

		Sites sites = sites(null);

		assertThat(sites.forHost("shop.example.com")).isNull();
		assertThat(sites.problems().get("shop.yaml")).endsWith("site.cookieDomain: shop.example.org does not cover the"
				+ " site's host 'shop.example.com': browsers would drop the consent cookie there, and the banner would"
				+ " come back for ever");
	}

	@Test
	void aCookieDomainBesideAnotherDefaultSiteIsRefused() throws IOException {
		// www.example.org is no site's host: with a default site it answers as opendata, and would get shop's cookie.
		write("shop.yaml", shop().replace("  hosts: [shop.example.org]",
				"  hosts: [shop.example.org]\n  cookieDomain: shop.example.org"));
		assertThat(sites("shop").forHost("shop.example.org").cookieDomain()).isEqualTo("shop.example.org");

		Sites sites = sites("opendata");

		assertThat(sites.forHost("shop.example.org").id()).as("the default site answers").isEqualTo("opendata");
		assertThat(sites.problems().get("shop.yaml")).contains("site.cookieDomain: shop.example.org would send this"
				+ " site's consent cookie to every host under it", "the default site 'opendata'");
	}

	@Test
	void aFileFarLargerThanARegistryIsNotReadAndIsReported() throws IOException {
		Sites sites = sites(null);
		try (var file = new java.io.RandomAccessFile(this.folder.resolve("huge.yaml").toFile(), "rw")) {
			file.setLength(RegistryFile.MOST_BYTES + 1);
		}

		sites.reload();

		assertThat(sites.all()).extracting(HostedSite::id).containsExactly("opendata", "shop");
		assertThat(sites.problems().get("huge.yaml"))
			.endsWith("huge.yaml: the file holds " + (RegistryFile.MOST_BYTES + 1) + " bytes, more than the "
					+ RegistryFile.MOST_BYTES + " a registry may hold");
	}

	@Test
	void twoSitesWhoseConsentCookiesWouldReachEachOtherAreRefused() throws IOException {
		write("shop.yaml", shop().replace("  hosts: [shop.example.org]", "  hosts: [shop.example.org]\n  cookieDomain: example.org"));

		Sites sites = sites(null);

		assertThat(sites.forHost("shop.example.org")).isNull();
		assertThat(sites.problems().get("shop.yaml")).contains("site.cookieDomain: example.org",
				"'opendata.example.org', a host of the site 'opendata'");

		write("shop.yaml", shop().replace("cookieDomain: example.org", "cookieDomain: shop.example.org"));
		sites.reload();

		assertThat(sites.forHost("shop.example.org").cookieDomain()).isEqualTo("shop.example.org");
		assertThat(sites.problems()).isEmpty();
	}

	/**
	 * Two sites sharing one cookie domain ({@code .example.org} for a.example.org and b.example.org) would share one
	 * {@code cookies_preferences} cookie: the second is refused, naming the first and its file; the first stays.
	 */
	@Test
	void twoSitesSharingACookieDomainAreRefusedAndTheSiteServedStays() throws IOException {
		String opendata = Files.readString(this.folder.resolve("opendata.yaml"));
		write("opendata.yaml", opendata.replace("hosts: [opendata.example.org, www.opendata.example.org]",
				"hosts: [a.example.org]\n  cookieDomain: .example.org"));
		write("shop.yaml", shop().replace("  hosts: [shop.example.org]", "  hosts: [b.example.org]"));
		Sites sites = sites(null);
		assertThat(sites.all()).extracting(HostedSite::id).containsExactly("opendata");

		write("shop.yaml",
				shop().replace("  hosts: [b.example.org]", "  hosts: [b.example.org]\n  cookieDomain: .example.org"));
		sites.reload();

		assertThat(sites.forHost("a.example.org").id()).isEqualTo("opendata");
		assertThat(sites.forHost("b.example.org")).isNull();
		assertThat(sites.problems().get("shop.yaml")).contains("'b.example.org' would receive the consent cookie of the"
				+ " site 'opendata' (opendata.yaml, its cookieDomain is example.org)");
	}

	@Test
	void aFolderWithoutOneValidRegistryOrWithoutItsDefaultSiteDoesNotStart() throws IOException {
		assertThatExceptionOfType(InvalidRegistryException.class).isThrownBy(() -> sites("museum"))
			.withMessageContaining("the default site 'museum'");

		write("shop.yaml", "site: [");
		Files.delete(this.folder.resolve("opendata.yaml"));
		assertThatExceptionOfType(InvalidRegistryException.class).isThrownBy(() -> sites(null))
			.withMessageContaining("shop.yaml")
			.withMessageContaining("line 1, column 7");
		assertThatExceptionOfType(InvalidRegistryException.class)
			.isThrownBy(() -> Sites.folder(this.folder.resolve("nowhere"), null,
					new RegistryLoader(Registries.VALIDATOR)))
			.withMessageContaining("does not exist");
	}

	@Test
	void aFileWhoseNameCannotNameASiteIsReported() throws IOException {
		write("Shop Copy.yaml", shop().replace("hosts: [shop.example.org]", "hosts: [copy.example.org]"));

		Sites sites = sites(null);

		assertThat(sites.all()).extracting(HostedSite::id).containsExactly("opendata", "shop");
		assertThat(sites.problems().get("Shop Copy.yaml")).contains("the file's name is the site's id");
	}

	/** A site's .yml served already is not displaced by a .yaml added beside it: the new one is refused, by name. */
	@Test
	void aSecondFileForASiteServedIsRefusedNamingBothAndTheOneServedStays() throws IOException {
		Files.move(this.folder.resolve("shop.yaml"), this.folder.resolve("shop.yml"));
		Sites sites = sites(null);
		String served = Files.readString(this.folder.resolve("shop.yml"));

		write("shop.yaml", served.replace("name: La Boutique", "name: Une copie"));
		sites.reload();

		assertThat(sites.forHost("shop.example.org").registry().site().name()).isEqualTo("La Boutique");
		assertThat(sites.problems()).containsOnlyKeys("shop.yaml");
		assertThat(sites.problems().get("shop.yaml")).contains("the site 'shop' has two files, shop.yaml and shop.yml",
				"shop.yml stays served");

		write("shop.yml", served.replace("revision: 3", "revision: 4"));
		sites.reload();
		assertThat(sites.forHost("shop.example.org").registry().revision()).as("its own file still counts").isEqualTo(4);

		Files.delete(this.folder.resolve("shop.yml"));
		sites.reload();
		assertThat(sites.forHost("shop.example.org").registry().site().name()).as("one file again").isEqualTo("Une copie");
		assertThat(sites.problems()).isEmpty();
	}

	@Test
	void twoFilesForANewSiteAreBothRefused() throws IOException {
		write("museum.yaml", shop().replace("hosts: [shop.example.org]", "hosts: [museum.example.org]"));
		write("museum.yml", shop().replace("hosts: [shop.example.org]", "hosts: [museum.example.org]"));

		Sites sites = sites(null);

		assertThat(sites.forHost("museum.example.org")).isNull();
		assertThat(sites.problems()).containsOnlyKeys("museum.yaml", "museum.yml");
		assertThat(sites.problems().get("museum.yml")).contains("museum.yaml and museum.yml");
	}

	@Test
	void aHostClaimedTwiceIsRefusedNamingBothFiles() throws IOException {
		Sites sites = sites(null);

		write("museum.yml", shop().replace("name: La Boutique", "name: Le Musée"));
		sites.reload();

		assertThat(sites.forHost("shop.example.org").registry().site().name()).isEqualTo("La Boutique");
		assertThat(sites.problems().get("museum.yml")).contains("museum.yml: site.hosts: 'shop.example.org' is a host of"
				+ " the site 'shop' (shop.yaml) already");
	}

	/** A file the watch saw written to a moment ago is not read: the site stays as served until the file settles. */
	@Test
	void aFileStillBeingWrittenIsNotReadUntilItHasSettled() throws IOException {
		Sites sites = sites(null);
		Files.writeString(this.folder.resolve("shop.yaml"), shop().replace("revision: 3", "revision: 4")
			.substring(0, shop().indexOf("  - name: ad_click")));
		write("museum.yaml", shop().replace("hosts: [shop.example.org]", "hosts: [museum.example.org]"));

		sites.reload(Set.of("shop.yaml", "museum.yaml"));

		assertThat(sites.forHost("shop.example.org").registry().revision()).isEqualTo(3);
		assertThat(sites.forHost("museum.example.org")).as("a new file being written").isNull();
		assertThat(sites.problems()).isEmpty();

		sites.reload(Set.of());
		assertThat(sites.forHost("shop.example.org").registry().revision()).isEqualTo(4);
		assertThat(sites.forHost("museum.example.org").id()).isEqualTo("museum");
	}

	private Instant now = Instant.parse("2026-11-30T00:00:00Z");

	private Sites sitesWithGrace(String defaultSite) {
		InstantSource clock = () -> this.now;
		return Sites.folder(this.folder, defaultSite, new RegistryLoader(Registries.VALIDATOR), Duration.ofSeconds(5),
				clock);
	}

	@Test
	void aFileDeletedAndCreatedAgainWithinTheGracePeriodIsOneChange() throws IOException {
		Sites sites = sitesWithGrace(null);
		String text = shop();
		assertThat(sites.untilRemoval()).isNull();

		Files.delete(this.folder.resolve("shop.yaml"));
		sites.reload(Set.of());

		assertThat(sites.forHost("shop.example.org").registry().revision()).isEqualTo(3);
		assertThat(sites.untilRemoval()).isEqualTo(Duration.ofSeconds(5));

		this.now = this.now.plusSeconds(4);
		Files.writeString(this.folder.resolve("shop.yaml"), text.replace("revision: 3", "revision: 4"));
		sites.reload(Set.of());

		assertThat(sites.forHost("shop.example.org").registry().revision()).isEqualTo(4);
		assertThat(sites.untilRemoval()).isNull();

		this.now = this.now.plusSeconds(4);
		Files.delete(this.folder.resolve("shop.yaml"));
		sites.reload(Set.of());
		assertThat(sites.untilRemoval()).as("a new grace period for a new removal").isEqualTo(Duration.ofSeconds(5));

		sites.reload();
		assertThat(sites.forHost("shop.example.org")).as("the operator's reload: at once").isNull();
		assertThat(sites.untilRemoval()).isNull();
	}

	@Test
	void aFileRemovedForGoodTakesEffectWhenTheGracePeriodEnds() throws IOException {
		Sites sites = sitesWithGrace(null);

		Files.delete(this.folder.resolve("shop.yaml"));
		sites.reload(Set.of());
		this.now = this.now.plusMillis(4999);
		sites.reload(Set.of());

		assertThat(sites.forHost("shop.example.org")).isNotNull();
		assertThat(sites.untilRemoval()).isEqualTo(Duration.ofMillis(1));

		this.now = this.now.plusMillis(1);
		sites.reload(Set.of());

		assertThat(sites.forHost("shop.example.org")).isNull();
		assertThat(sites.all()).extracting(HostedSite::id).containsExactly("opendata");
		assertThat(sites.untilRemoval()).isNull();
	}

	@Test
	void theHealthDetailsSayWhenTheDefaultSiteIsServedInItsLastGoodVersionOrNotAtAll() throws IOException {
		Sites sites = sitesWithGrace("shop");
		RegistryHealthIndicator indicator = new RegistryHealthIndicator(sites);
		assertThat(indicator.health().getDetails()).containsEntry("defaultSite", "served");
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

		write("shop.yaml", shop().replace("category: advertising", "category: adverts"));
		sites.reload(Set.of());

		Health broken = indicator.health();
		assertThat(broken.getStatus()).isEqualTo(Status.UP);
		assertThat((String) broken.getDetails().get("defaultSite")).startsWith("served in its last good version: ")
			.contains("shop.yaml", "category 'adverts' is not declared");

		Files.delete(this.folder.resolve("shop.yaml"));
		sites.reload(Set.of());
		assertThat((String) indicator.health().getDetails().get("defaultSite"))
			.startsWith("served for a moment more: its file is gone");
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

		this.now = this.now.plusSeconds(5);
		sites.reload(Set.of());

		Health gone = indicator.health();
		assertThat(gone.getStatus()).isEqualTo(Status.DOWN);
		assertThat(gone.getDetails()).containsEntry("defaultSite",
				"not served: hosts no site lists get a 404 (its file shop.yaml is gone)");
		assertThat(new RegistryHealthIndicator(sites(null)).health().getDetails()).doesNotContainKey("defaultSite");
	}

	@Test
	void theDefaultSiteBrokenAfterItsRemovalIsNotServedAndSaysWhy() throws IOException {
		Sites sites = sitesWithGrace("shop");
		String text = shop();
		Files.delete(this.folder.resolve("shop.yaml"));
		sites.reload(Set.of());
		this.now = this.now.plusSeconds(5);
		sites.reload(Set.of());

		write("shop.yaml", text.replace("category: advertising", "category: adverts"));
		sites.reload(Set.of());

		assertThat(new RegistryHealthIndicator(sites).health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(sites.defaultSiteState()).startsWith("not served: hosts no site lists get a 404 (Cookie registry ")
			.contains("category 'adverts' is not declared");
	}

}
