/** Input rules checked the same way by the API's validators and the forms of both apps. */

/** a mainland mobile number: 1, then 3–9, then 9 digits (12345678901 is not one) */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/

/** a resident ID number: 17 digits, then a digit or X (18 characters, upper-case X) */
export const RESIDENT_ID_NUMBER = /^\d{17}[\dX]$/
