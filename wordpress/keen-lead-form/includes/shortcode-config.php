<?php
/**
 * The shortcode's enclosed JSON configuration:
 * [keen_lead_form channel="…"]{"fields":[…]}[/keen_lead_form] becomes the
 * element's <script type="application/json"> child, so a shortcode can
 * carry everything the JSON configuration can (the builder page writes it).
 * The plugin checks that it is a JSON object and prints it safely; the
 * element validates its contents and explains any mistake on the page.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/**
 * Keys of the JSON configuration that choose where leads go or where the
 * visitor is sent. The shortcode's own attributes carry them, with their checks.
 */
const KEEN_LEAD_FORM_JSON_DESTINATION_KEYS = array( 'channel', 'endpoint', 'redirect' );

/**
 * The JSON is plain text, not prose: no curly quotes or dashes in it.
 *
 * @param string[] $shortcodes Shortcodes whose content wptexturize leaves alone.
 * @return string[]
 */
function keen_lead_form_no_texturize( $shortcodes ) {
	$shortcodes[] = 'keen_lead_form';
	return $shortcodes;
}
add_filter( 'no_texturize_shortcodes', 'keen_lead_form_no_texturize' );

/**
 * Reads the enclosed text as a JSON object: as written, else after undoing
 * what editors do to text (entities for quotes, automatic paragraphs).
 *
 * @param string $text Enclosed content.
 * @return stdClass|null The object, or null when it is not a JSON object.
 */
function keen_lead_form_decode_config( $text ) {
	$config = json_decode( $text );
	if ( ! ( $config instanceof stdClass ) ) {
		$plain  = html_entity_decode( preg_replace( '#</?p>|<br\s*/?>#i', '', $text ), ENT_QUOTES | ENT_HTML5, 'UTF-8' );
		$config = json_decode( $plain );
	}
	return $config instanceof stdClass ? $config : null;
}

/**
 * The shortcode's configuration as arrays, for the HTML-first form.
 *
 * @param string $content Enclosed content ('' for none).
 * @return array|false|null Null when there is none, false when it is not a JSON object.
 */
function keen_lead_form_config_array( $content ) {
	$text = trim( (string) $content );
	if ( '' === $text ) {
		return null;
	}
	$config = keen_lead_form_decode_config( $text );
	if ( null === $config ) {
		return false;
	}
	foreach ( KEEN_LEAD_FORM_JSON_DESTINATION_KEYS as $key ) {
		unset( $config->$key );
	}
	$array = json_decode( (string) wp_json_encode( $config ), true );
	return is_array( $array ) ? $array : false;
}

/**
 * The <script type="application/json"> child for the shortcode's content.
 *
 * @param string $content Enclosed content ('' for none).
 * @return string HTML ('' for none).
 */
function keen_lead_form_render_config_script( $content ) {
	$text = trim( (string) $content );
	if ( '' === $text ) {
		return '';
	}
	$config = keen_lead_form_decode_config( $text );
	if ( null === $config ) {
		// Printed as it is, with "<" escaped so it cannot end the script: the element then shows a
		// visible "not valid JSON" configuration error to whoever checks the page.
		return '<script type="application/json">' . str_replace( '<', '\u003c', $text ) . '</script>';
	}
	foreach ( KEEN_LEAD_FORM_JSON_DESTINATION_KEYS as $key ) {
		unset( $config->$key );
	}
	// JSON_HEX_TAG writes < and > as \u003C and \u003E: no "</script>" can end the block early.
	$json = wp_json_encode( $config, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
	return false === $json ? '' : '<script type="application/json">' . $json . '</script>';
}
