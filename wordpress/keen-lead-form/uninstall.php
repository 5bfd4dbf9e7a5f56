<?php
/**
 * Removes the plugin's options when it is deleted from the Plugins screen.
 * Rate-limit counters are transients and expire by themselves.
 *
 * @package KeenLeadForm
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'keen_lead_form_channel' );
delete_option( 'keen_lead_form_endpoint' );
delete_option( 'keen_lead_form_relay' );
delete_option( 'keen_lead_form_proxy_header' );
delete_option( 'keen_lead_form_api_key' );
