/**
 * English text for every validation key used in schemas. The renderer translates the same keys
 * (renderer/src/i18n); the transports send both, so curl users and logs read English.
 */
export const VALIDATION_MESSAGES_EN: Record<string, string> = {
  'validation.required': 'This field is required',
  'validation.tooLong': 'Too long',
  'validation.number': 'Must be a number',
  'validation.enum': 'Not one of the allowed values',
  'validation.appId': 'AppID is "wx" followed by 16 hex characters',
  'validation.appSecret': 'AppSecret is 32 letters or digits',
  'validation.token': 'Token must be 3-32 letters or digits',
  'validation.encodingAESKey': 'EncodingAESKey must be exactly 43 letters or digits',
  'validation.aesKeyRequiredForMode': 'Compatible and safe modes need an EncodingAESKey',
  'validation.mode': 'Mode must be plain, compatible or safe',
  'validation.callbackSlug': 'Callback path: 1-64 letters, digits, "-" or "_"',
  'validation.callbackSlugTaken': 'Already used by another account',
  'validation.unknownField': 'Unknown field',
  'validation.invalid': 'Invalid value',
};
