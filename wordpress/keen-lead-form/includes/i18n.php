<?php
/**
 * The element's own words in PHP: the strings of src/i18n that the HTML-first
 * form and the relay's no-script pages print, generated into messages.php at
 * build time (scripts/generate-messages.js), so the form says before the
 * script runs exactly what the element says after.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** @return array<string, array<string, string>> Every language's strings, by key. */
function keen_lead_form_messages() {
	static $messages = null;
	if ( null === $messages ) {
		$file     = KEEN_LEAD_FORM_DIR . 'includes/messages.php';
		$loaded   = is_readable( $file ) ? include $file : null;
		$messages = is_array( $loaded ) && isset( $loaded['en'] ) ? $loaded : array( 'en' => array() );
	}
	return $messages;
}

/**
 * A language tag ("da-DK", "nb_NO", "no", "de") as one of the element's
 * languages, the way the element resolves it: the primary subtag, "no" and
 * "nn" as Norwegian Bokmål, anything unknown as English.
 *
 * @param string $tag BCP 47 tag or WordPress locale.
 * @return string e.g. "da".
 */
function keen_lead_form_resolve_lang( $tag ) {
	$primary = strtolower( (string) preg_split( '/[-_]/', trim( (string) $tag ) )[0] );
	if ( 'no' === $primary || 'nn' === $primary ) {
		$primary = 'nb';
	}
	return isset( keen_lead_form_messages()[ $primary ] ) ? $primary : 'en';
}

/**
 * One string in a language, with the site owner's own wording (the
 * configuration's `messages`) winning, and its placeholders filled.
 *
 * @param string               $lang      A language from keen_lead_form_resolve_lang().
 * @param string               $key       Catalogue key, e.g. "submit", "tooLong".
 * @param array<string, mixed> $overrides The configuration's `messages`.
 * @param array<string, mixed> $values    Placeholder values: limit, count, reason, date.
 * @return string Plain text (escape it where it is printed).
 */
function keen_lead_form_text( $lang, $key, $overrides = array(), $values = array() ) {
	$messages = keen_lead_form_messages();
	if ( isset( $overrides[ $key ] ) && is_string( $overrides[ $key ] ) ) {
		$text = $overrides[ $key ];
	} elseif ( 'errorSummary' === $key && 1 === ( $values['count'] ?? null ) ) {
		$text = $messages[ $lang ]['errorSummaryOne'] ?? $messages['en']['errorSummaryOne'] ?? '';
	} else {
		$text = $messages[ $lang ][ $key ] ?? $messages['en'][ $key ] ?? $key;
	}
	foreach ( $values as $name => $value ) {
		$text = str_replace( '{' . $name . '}', (string) $value, $text );
	}
	return $text;
}

/**
 * A day (YYYY-MM-DD) as the element writes it in date errors ("15 March 2026",
 * "15. marts 2026": Intl.DateTimeFormat, dateStyle "long"), from the month
 * templates generate-messages.js took from the same ICU data.
 *
 * @param string $lang A language from keen_lead_form_resolve_lang().
 * @param string $day  YYYY-MM-DD.
 * @return string The day in words, or the day as given when it cannot be read.
 */
function keen_lead_form_format_day( $lang, $day ) {
	if ( 1 !== preg_match( '/^(\d{4})-(\d{2})-(\d{2})$/', $day, $parts ) || (int) $parts[1] < 1 ) {
		return $day;
	}
	$messages = keen_lead_form_messages();
	$key      = 'dayFormat' . (int) $parts[2];
	$template = $messages[ $lang ][ $key ] ?? $messages['en'][ $key ] ?? null;
	if ( ! is_string( $template ) ) {
		return $day;
	}
	return str_replace( array( '{day}', '{year}' ), array( (string) (int) $parts[3], (string) (int) $parts[1] ), $template );
}
