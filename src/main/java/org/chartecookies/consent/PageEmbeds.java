package org.chartecookies.consent;

/**
 * The third-party embeds of one page, as templates reach them ({@code #embeds}, {@link ConsentDialect}).
 */
public record PageEmbeds(PageContext page) {

	/**
	 * The embed {@code id} of the registry showing {@code src}, as the visitor's consent on this page allows.
	 * @throws IllegalArgumentException naming what the template got wrong
	 */
	public EmbedPlaceholder of(String id, String src, String title, String ratio) {
		return EmbedPlaceholder.of(this.page, id, src, title, ratio);
	}

}
