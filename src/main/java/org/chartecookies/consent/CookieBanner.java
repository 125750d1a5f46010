package org.chartecookies.consent;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.chartecookies.registry.HostedSite;

import org.jspecify.annotations.Nullable;


/**
 * What the banner fragment shows, already in the visitor's language.
 *
 * @param state what the banner is doing: asking, informing, confirming a decision, or nothing
 * @param choicesOpen the per-category choices are shown open ("Gérer mes cookies")
 * @param decided the visitor holds a current decision, which {@code choices} reflect
 * @param returnPath the page the banner is on, where the form sends the visitor back to
 * @param manageUrl the "Gérer mes cookies" link: this page with the choices open
 * @param confirmationKey the message that says what was decided, for the confirmation
 * @param accepted the accepted optional categories' titles, for the confirmation
 * @param refused the refused optional categories' titles, for the confirmation
 * @param charterChanged the visitor decided about an older revision: the banner says the charter changed
 * @param globalPrivacyControl the browser asks not to be tracked and no decision exists: the banner says it is honoured
 * @param revision the registry's revision the banner shows, sent back with the decision
 * @param firstLayer what the first layer says before any choice: purposes, who sets the cookies, the privacy policy
 * @param snapshot the hash of the snapshot of what this site shows in this language ({@link SnapshotHashes}), which
 * the forms send back with the decision; empty for a banner without a form, and in the snapshot itself (a document
 * cannot hold its own hash)
 */
public record CookieBanner(State state, boolean choicesOpen, boolean decided, List<Choice> choices, String returnPath,
		String manageUrl, String confirmationKey, String accepted, String refused, boolean charterChanged,
		boolean globalPrivacyControl, int revision, FirstLayer firstLayer, String snapshot) {

	public enum State {

		/** No current decision: accept all, refuse all or customise. */
		ASK,
		/** Nothing needs consent (no optional category): the banner only informs. */
		NOTICE,
		/** A decision was just recorded: say what it was and how to change it. */
		CONFIRMATION,
		/** A current decision exists: nothing to show. */
		HIDDEN

	}

	/**
	 * What a visitor is told before they choose (CNIL recommendation 2020-092, GDPR art. 13).
	 *
	 * @param purposes the optional categories' purposes, as one list in words ("a, b et c")
	 * @param providersKey the sentence saying who sets those cookies (the site itself, third parties, or both), or
	 * null when no optional category declares a cookie
	 * @param thirdParties the providers other than the site, as one list in words
	 * @param privacyPolicy the site's privacy policy, or null when it names none
	 */
	public record FirstLayer(String purposes, @Nullable String providersKey, String thirdParties,
			@Nullable URI privacyPolicy) {
	}

	/** One category as the visitor sees it; required ones are always on. */
	public record Choice(String id, String title, String description, boolean required, boolean accepted) {
	}

	public boolean visible() {
		return this.state != State.HIDDEN;
	}

	public boolean asking() {
		return this.state == State.ASK;
	}

	public boolean notice() {
		return this.state == State.NOTICE;
	}

	public boolean confirming() {
		return this.state == State.CONFIRMATION;
	}

	/** Whether the registry offers any choice at all (otherwise the charter says none is asked). */
	public boolean hasOptionalChoices() {
		return this.choices.stream().anyMatch((choice) -> !choice.required());
	}

	/** This banner sending the visitor back to another address, its "manage" link too. */
	CookieBanner at(String returnPath, String manageUrl) {
		return new CookieBanner(this.state, this.choicesOpen, this.decided, this.choices, returnPath, manageUrl,
				this.confirmationKey, this.accepted, this.refused, this.charterChanged, this.globalPrivacyControl,
				this.revision, this.firstLayer, this.snapshot);
	}

	/**
	 * Whether its forms name no snapshot although they should: the snapshot could not be kept (a full disk). Such a
	 * banner, and a page showing it, is made again for the next request, so that it names the snapshot once it is kept.
	 */
	public boolean awaitingSnapshot() {
		return (asking() || notice()) && this.snapshot.isEmpty();
	}

	/** This banner with its forms naming this snapshot. */
	CookieBanner naming(String snapshotHash) {
		return new CookieBanner(this.state, this.choicesOpen, this.decided, this.choices, this.returnPath,
				this.manageUrl, this.confirmationKey, this.accepted, this.refused, this.charterChanged,
				this.globalPrivacyControl, this.revision, this.firstLayer, snapshotHash);
	}

	/**
	 * The banner an undecided visitor (no decision, no Global Privacy Control) gets on the charter in this language,
	 * its choices closed (first layer) or open, naming no snapshot: what a snapshot shows.
	 */
	public static CookieBanner undecided(HostedSite site, Locale language, boolean choicesOpen) {
		return CookieBannerFactory.banner(new PageContext(site, ReturnPath.CHARTER,
				choicesOpen ? BannerSwitch.MANAGE : BannerSwitch.NONE, language, ConsentState.NOBODY));
	}

	public List<Choice> optionalChoices() {
		return this.choices.stream().filter((choice) -> !choice.required()).toList();
	}

	/** The categories that are always on: shown as information, never as a box to tick. */
	public List<Choice> requiredChoices() {
		return this.choices.stream().filter(Choice::required).toList();
	}

}
