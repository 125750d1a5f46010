package org.chartecookies.consent;

/**
 * The third-party embeds of one page, as templates reach them ({@code #embeds}, {@link ConsentDialect}).
 *
 * @param snapshots the snapshots of what the site shows, so that a placeholder's form names the one of its page as the
 * banner's forms do
 */
public record PageEmbeds(PageContext page, SnapshotHashes snapshots) {

	/** The hash of the snapshot of what this page's site shows in its language; empty when there is none. */
	public String snapshot() {
		return this.snapshots.current(this.page.site(), this.page.language());
	}

	/**
	 * The embed {@code id} of the registry showing {@code src}, as the visitor's consent on this page allows.
	 * @throws IllegalArgumentException naming what the template got wrong
	 */
	public EmbedPlaceholder of(String id, String src, String title, String ratio) {
		return EmbedPlaceholder.of(this.page, id, src, title, ratio);
	}

}
