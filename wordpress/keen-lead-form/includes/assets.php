<?php
/**
 * The widget: one self-contained ES module (assets/keen-lead-form.js) that
 * defines <keen-lead-form>. Registered on every request, enqueued only by a
 * form that is actually rendered, so pages without a form load nothing.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

const KEEN_LEAD_FORM_SCRIPT_ID = 'keen-lead-form';

/** @return string Absolute path of the bundled widget. */
function keen_lead_form_asset_path() {
	return KEEN_LEAD_FORM_DIR . 'assets/keen-lead-form.js';
}

/** @return string Public URL of the bundled widget. */
function keen_lead_form_asset_url() {
	return KEEN_LEAD_FORM_URL . 'assets/keen-lead-form.js';
}

/**
 * The plugin version plus the file's modification time, so browsers and
 * page caches fetch a rebuilt widget even when the version was not bumped.
 *
 * @return string
 */
function keen_lead_form_asset_version() {
	$path  = keen_lead_form_asset_path();
	$mtime = file_exists( $path ) ? filemtime( $path ) : false;
	return KEEN_LEAD_FORM_VERSION . ( false === $mtime ? '' : '.' . $mtime );
}

/** @return bool Whether this WordPress prints script modules (6.5+). */
function keen_lead_form_supports_script_modules() {
	return function_exists( 'wp_register_script_module' ) && function_exists( 'wp_enqueue_script_module' );
}

/** Registers the widget: as a script module on WordPress 6.5+, as a classic script made a module before. */
function keen_lead_form_register_script() {
	if ( keen_lead_form_supports_script_modules() ) {
		wp_register_script_module( KEEN_LEAD_FORM_SCRIPT_ID, keen_lead_form_asset_url(), array(), keen_lead_form_asset_version() );
		return;
	}
	wp_register_script( KEEN_LEAD_FORM_SCRIPT_ID, keen_lead_form_asset_url(), array(), keen_lead_form_asset_version(), array( 'in_footer' => true ) );
}
add_action( 'init', 'keen_lead_form_register_script' );

/** Called by every rendered form; WordPress prints a handle once however often it is enqueued. */
function keen_lead_form_enqueue_script() {
	if ( keen_lead_form_supports_script_modules() ) {
		wp_enqueue_script_module( KEEN_LEAD_FORM_SCRIPT_ID );
		return;
	}
	wp_enqueue_script( KEEN_LEAD_FORM_SCRIPT_ID );
}

/**
 * Before WordPress 6.5 there is no module API: turn the classic tag into a
 * module tag (a module is deferred by nature, and runs once even if printed twice).
 *
 * @param string $tag    The script tag.
 * @param string $handle The handle.
 * @return string
 */
function keen_lead_form_module_script_tag( $tag, $handle ) {
	if ( KEEN_LEAD_FORM_SCRIPT_ID !== $handle ) {
		return $tag;
	}
	$tag = preg_replace( '/\stype=(["\'])[^"\']*\1/', '', $tag );
	return preg_replace( '/<script(?=[\s>])/', '<script type="module"', $tag, 1 );
}
add_filter( 'script_loader_tag', 'keen_lead_form_module_script_tag', 10, 2 );

/** Tells administrators when the widget file is missing (a build step was skipped). */
function keen_lead_form_missing_asset_notice() {
	if ( ! current_user_can( 'manage_options' ) || is_readable( keen_lead_form_asset_path() ) ) {
		return;
	}
	printf(
		'<div class="notice notice-error"><p>%s</p></div>',
		esc_html(
			sprintf(
				/* translators: %s: file path inside the plugin */
				__( 'Keen Lead Form: the widget file %s is missing, so forms cannot appear. Reinstall the plugin from its release zip.', 'keen-lead-form' ),
				'assets/keen-lead-form.js'
			)
		)
	);
}
add_action( 'admin_notices', 'keen_lead_form_missing_asset_notice' );
