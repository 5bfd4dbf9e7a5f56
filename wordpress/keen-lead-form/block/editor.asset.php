<?php
/**
 * Dependencies of the block's editor script, which uses WordPress's globals
 * directly (no build step).
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

return array(
	'handle'       => 'keen-lead-form-editor',
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n', 'wp-server-side-render' ),
	'version'      => KEEN_LEAD_FORM_VERSION . '.' . filemtime( __DIR__ . '/editor.js' ),
);
