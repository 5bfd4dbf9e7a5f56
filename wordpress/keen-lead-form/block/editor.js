/**
 * Editor side of the keen/lead-form block. Plain JavaScript on WordPress's
 * globals, so the plugin needs no build step. The block is rendered on the
 * server (render_callback); the editor shows that markup through
 * ServerSideRender and loads the widget into the editor's document so the
 * preview is the real form, made inert with Disabled.
 */
( function ( blocks, element, blockEditor, components, i18n, ServerSideRender ) {
	'use strict';

	var el = element.createElement;
	var __ = i18n.__;
	var settings = window.keenLeadFormEditor || {};

	/**
	 * Adds the widget module to a document once. The editor canvas may be an
	 * iframe with its own custom element registry, so the document is the
	 * one the block is in, not necessarily this script's.
	 */
	function loadWidgetInto( doc ) {
		if ( ! doc || ! settings.moduleUrl || ! doc.defaultView ) {
			return;
		}
		if ( doc.defaultView.customElements.get( 'keen-lead-form' ) || doc.querySelector( 'script[data-keen-lead-form]' ) ) {
			return;
		}
		var script = doc.createElement( 'script' );
		script.type = 'module';
		script.src = settings.moduleUrl;
		script.setAttribute( 'data-keen-lead-form', '' );
		doc.head.appendChild( script );
	}

	/** The sidebar fields, in order: attribute, label, help. */
	var FIELDS = [
		[ 'channel', __( 'Channel id', 'keen-lead-form' ), settings.relay
			? __( 'Ignored: "Send through this site" is on, so every form uses the channel from Settings → Keen Lead Form.', 'keen-lead-form' )
			: __( 'Leave empty to use the default channel from Settings → Keen Lead Form.', 'keen-lead-form' ) ],
		[ 'fields', __( 'Fields', 'keen-lead-form' ), __( 'Space-separated: first_name last_name email phone company_name notes business_id employee source. Empty: the standard set.', 'keen-lead-form' ) ],
		[ 'required', __( 'Required fields', 'keen-lead-form' ), __( 'Space-separated field names. Empty: email.', 'keen-lead-form' ) ],
		[ 'source', __( 'Lead source', 'keen-lead-form' ), __( 'Stored with each lead, e.g. "Website". Empty: Website.', 'keen-lead-form' ) ],
		[ 'successMessage', __( 'Success message', 'keen-lead-form' ), __( 'Shown after a lead was sent. Empty: a built-in thank-you.', 'keen-lead-form' ) ],
		[ 'redirect', __( 'Redirect URL', 'keen-lead-form' ), __( 'Optional page to open after a lead was sent (http or https).', 'keen-lead-form' ) ],
	];

	function Edit( props ) {
		var ref = element.useRef( null );
		var blockProps = blockEditor.useBlockProps( { ref: ref } );

		element.useEffect( function () {
			loadWidgetInto( ref.current && ref.current.ownerDocument );
		}, [] );

		var controls = FIELDS.map( function ( field ) {
			var name = field[ 0 ];
			return el( components.TextControl, {
				key: name,
				label: field[ 1 ],
				help: field[ 2 ],
				value: props.attributes[ name ] || '',
				onChange: function ( value ) {
					var update = {};
					update[ name ] = value;
					props.setAttributes( update );
				},
			} );
		} );

		return el(
			'div',
			blockProps,
			el(
				blockEditor.InspectorControls,
				null,
				el( components.PanelBody, { title: __( 'Form settings', 'keen-lead-form' ), initialOpen: true }, controls )
			),
			el(
				components.Disabled,
				null,
				el( ServerSideRender, { block: 'keen/lead-form', attributes: props.attributes } )
			)
		);
	}

	blocks.registerBlockType( 'keen/lead-form', {
		edit: Edit,
		// Rendered on the server: nothing is saved in the post but the block comment.
		save: function () {
			return null;
		},
	} );
} )( window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.i18n, window.wp.serverSideRender );
