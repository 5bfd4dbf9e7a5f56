<?php
/**
 * The "Keen Lead Form" block (keen/lead-form): rendered on the server by the
 * same function as the shortcode, so both always print the same markup.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** Registers the block from block/block.json. */
function keen_lead_form_register_block() {
	$block = register_block_type(
		KEEN_LEAD_FORM_DIR . 'block',
		array( 'render_callback' => 'keen_lead_form_render_block' )
	);
	if ( $block instanceof WP_Block_Type ) {
		// The editor previews the real widget, so it needs to know where the module is.
		wp_add_inline_script(
			'keen-lead-form-editor',
			'window.keenLeadFormEditor = ' . wp_json_encode(
				array(
					'moduleUrl' => add_query_arg( 'ver', keen_lead_form_asset_version(), keen_lead_form_asset_url() ),
					'relay'     => keen_lead_form_get_settings()['relay'],
				)
			) . ';',
			'before'
		);
	}
}
add_action( 'init', 'keen_lead_form_register_block' );

/**
 * @param array         $attributes Block attributes (camelCase, from block.json).
 * @param string        $content    Inner content (none).
 * @param WP_Block|null $block      The block being rendered.
 * @return string
 */
function keen_lead_form_render_block( $attributes, $content = '', $block = null ) {
	$attributes = wp_parse_args(
		$attributes,
		array(
			'channel'        => '',
			'fields'         => '',
			'required'       => '',
			'source'         => '',
			'successMessage' => '',
			'redirect'         => '',
			'consent'          => '',
			'consentLink'      => '',
			'consentVersion'   => '',
			'marketingConsent' => '',
		)
	);
	return keen_lead_form_render(
		array(
			'channel'         => $attributes['channel'],
			'fields'          => $attributes['fields'],
			'required'        => $attributes['required'],
			'source'          => $attributes['source'],
			'success_message' => $attributes['successMessage'],
			'redirect'          => $attributes['redirect'],
			'consent'           => $attributes['consent'],
			'consent_link'      => $attributes['consentLink'],
			'consent_version'   => $attributes['consentVersion'],
			'marketing_consent' => $attributes['marketingConsent'],
		),
		// Core's block supports fail fatally on a block whose attribute JSON is
		// broken (hand-edited content): then render without the wrapper classes.
		$block instanceof WP_Block && is_array( $block->parsed_block['attrs'] ?? null ) ? get_block_wrapper_attributes() : ''
	);
}
