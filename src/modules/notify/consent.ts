// Pure, so the storefront shows the visitor the very words the server stores with their request.

/** The consent a visitor gives, stored with the request as it was worded. */
export const CONSENT_TEXT =
  'Email me once when this product can be bought here. My address is used for that one message only, and I can unsubscribe at any time.';
