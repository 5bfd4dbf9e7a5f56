<?php
/**
 * The optional Keen API key. With one stored, the relay posts create_lead
 * (Keen then fires the channel's webhook and tells the sales team in-app)
 * instead of lead_external.
 *
 * A secret, so (secret-field.php): written from the settings page, never
 * printed back into it, not in the REST API, not autoloaded, kept as an array.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

const KEEN_LEAD_FORM_API_KEY_OPTION = 'keen_lead_form_api_key';

/** Printable ASCII without spaces, as API keys are; bounded. */
const KEEN_LEAD_FORM_API_KEY_PATTERN = '/^[\x21-\x7e]{8,256}$/';

/** @return string The stored key, or '' when none is stored (lead_external mode). */
function keen_lead_form_get_api_key() {
	$stored = get_option( KEEN_LEAD_FORM_API_KEY_OPTION, array() );
	$key    = is_array( $stored ) && isset( $stored['key'] ) && is_string( $stored['key'] ) ? $stored['key'] : '';
	return 1 === preg_match( KEEN_LEAD_FORM_API_KEY_PATTERN, $key ) ? $key : '';
}

/**
 * Sanitize callback (secret-field.php): "remove" deletes the key, a non-empty
 * "replace" stores a new one, an empty field keeps what is stored.
 *
 * @param mixed $value Submitted value.
 * @return array{key?: string} What to store.
 */
function keen_lead_form_sanitize_api_key( $value ) {
	return keen_lead_form_sanitize_secret(
		$value,
		KEEN_LEAD_FORM_API_KEY_OPTION,
		'key',
		keen_lead_form_get_api_key(),
		KEEN_LEAD_FORM_API_KEY_PATTERN,
		__( 'The API key must be 8–256 characters without spaces. The stored key was kept.', 'keen-lead-form' )
	);
}

/** Registers the option and its field on Settings → Keen Lead Form. */
function keen_lead_form_register_api_key_setting() {
	register_setting(
		'keen_lead_form',
		KEEN_LEAD_FORM_API_KEY_OPTION,
		array(
			'type'              => 'object',
			'default'           => array(),
			'sanitize_callback' => 'keen_lead_form_sanitize_api_key',
			'show_in_rest'      => false,
		)
	);
	add_settings_field(
		KEEN_LEAD_FORM_API_KEY_OPTION,
		__( 'Keen API key (optional)', 'keen-lead-form' ),
		'keen_lead_form_render_api_key_field',
		'keen-lead-form',
		'keen_lead_form_main',
		array( 'label_for' => 'keen_lead_form_api_key' )
	);
}
add_action( 'admin_init', 'keen_lead_form_register_api_key_setting', 11 );

/** The field: empty password input; whether a key is stored, never the key. */
function keen_lead_form_render_api_key_field() {
	keen_lead_form_render_secret_field(
		KEEN_LEAD_FORM_API_KEY_OPTION,
		'' !== keen_lead_form_get_api_key(),
		array(
			'stored' => __( 'A key is stored.', 'keen-lead-form' ),
			'hint'   => __( 'It is not shown. Type a new key to replace it.', 'keen-lead-form' ),
			'remove' => __( 'Remove the stored key', 'keen-lead-form' ),
			'none'   => __( 'No key is stored.', 'keen-lead-form' ),
		)
	);
	printf(
		'<p class="description">%s</p>',
		esc_html__( 'Used only with "Send through this site". With a key, the relay creates leads with create_lead, so Keen calls the channel\'s webhook and notifies your team in Keen; without one it uses lead_external, which needs no key and notifies nobody. The key stays on this server and is never sent to browsers.', 'keen-lead-form' )
	);
}
