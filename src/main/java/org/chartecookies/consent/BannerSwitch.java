package org.chartecookies.consent;

import org.jspecify.annotations.Nullable;

/**
 * What a page's {@code cookies} switch asks of the banner: {@code ?cookies=manage} opens the choices,
 * {@code ?cookies=saved} (after a decision) confirms it; anything else is nothing.
 */
public enum BannerSwitch {

	NONE(""), MANAGE("manage"), SAVED("saved");

	private final String value;

	BannerSwitch(String value) {
		this.value = value;
	}

	String value() {
		return this.value;
	}

	static BannerSwitch of(@Nullable String value) {
		if (MANAGE.value.equals(value)) {
			return MANAGE;
		}
		return SAVED.value.equals(value) ? SAVED : NONE;
	}

}
