/** Input rules checked the same way by the API's validators and the forms of both apps. */

/** a mainland mobile number: 1, then 3–9, then 9 digits (12345678901 is not one) */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/
