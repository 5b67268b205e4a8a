/**
 * The errcode table: the one place where every known Matrix errcode lives, as data.
 * Classes, the registry's built-ins, the `Errcode` union, the README table and the
 * AssemblyScript dispatch are all generated from (or checked against) this list.
 *
 * @module
 */

/** A typed extra field of an error body, read by a getter on the class. */
export interface FieldSpec {
  /** The getter's name on the class (`roomVersion`). */
  readonly prop: string;
  /** Body keys to read, first match of the right type wins (stable name first, then unstable). */
  readonly keys: readonly string[];
  /** The JSON type the value must have; any other type reads as absent. */
  readonly type: "string" | "boolean" | "number";
  /** The value when absent (booleans only); without it, absent reads as `undefined`. */
  readonly absent?: boolean;
}

/** One row of the table. */
export interface CodeSpec {
  /** The canonical (stable) errcode. */
  readonly errcode: string;
  /** The class name: the code without `M_`, split on `_`, each word capitalised. */
  readonly name: string;
  /** What the code means, in one sentence. */
  readonly meaning: string;
  /** The HTTP status `toResponse()` uses when none is given. */
  readonly status: number;
  /** Where the code is defined: the Matrix spec, a server (Synapse) or an MSC. */
  readonly origin: "spec" | "synapse" | "msc";
  /** Unstable names that servers send for the same code. */
  readonly aliases?: readonly string[];
  /** Typed extra fields of the body. */
  readonly fields?: readonly FieldSpec[];
}

/**
 * Every errcode of Matrix spec v1.19, the M_-namespaced codes Synapse sends beyond it,
 * and the unstable aliases of stable codes. Statuses are the spec's first-named status;
 * where the spec names none the choice is documented in the README.
 */
export const CODES = [
  {
    errcode: "M_APPSERVICE_LOGIN_UNSUPPORTED",
    meaning:
      "Appservice used m.login.application_service on /login, or /register without inhibit_login=true, on a server without the legacy auth API.",
    name: "AppserviceLoginUnsupported",
    status: 400,
    origin: "spec",
    aliases: ["IO.ELEMENT.MSC4190.M_APPSERVICE_LOGIN_UNSUPPORTED"],
  },
  {
    errcode: "M_BAD_ALIAS",
    meaning: "An alias in an m.room.canonical_alias event does not point to this room.",
    name: "BadAlias",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_BAD_JSON",
    meaning: "Body was valid JSON but semantically malformed (missing/invalid keys).",
    name: "BadJson",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_BAD_STATE",
    meaning: "The requested state change is impossible (e.g. unbanning a user who is not banned).",
    name: "BadState",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_BAD_STATUS",
    meaning: "The appservice answered the homeserver's ping with a non-2xx status.",
    name: "BadStatus",
    status: 502,
    origin: "spec",
    fields: [
      { prop: "upstreamStatus", keys: ["status"], type: "number" },
      { prop: "upstreamBody", keys: ["body"], type: "string" },
    ],
  },
  {
    errcode: "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM",
    meaning: "The user may not reject/leave the server notices room.",
    name: "CannotLeaveServerNoticeRoom",
    status: 403,
    origin: "spec",
  },
  {
    errcode: "M_CANNOT_OVERWRITE_MEDIA",
    meaning: "Async upload targeted a media ID that already has content.",
    name: "CannotOverwriteMedia",
    status: 409,
    origin: "spec",
    aliases: ["FI.MAU.MSC2246_CANNOT_OVERWRITE_MEDIA"],
  },
  {
    errcode: "M_CAPTCHA_INVALID",
    meaning: "The supplied captcha response was wrong.",
    name: "CaptchaInvalid",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_CAPTCHA_NEEDED",
    meaning: "A captcha must be completed first.",
    name: "CaptchaNeeded",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_CONNECTION_FAILED",
    meaning: "The homeserver could not connect to the appservice during a ping.",
    name: "ConnectionFailed",
    status: 502,
    origin: "spec",
  },
  {
    errcode: "M_CONNECTION_TIMEOUT",
    meaning: "The homeserver's connection to the appservice timed out during a ping.",
    name: "ConnectionTimeout",
    status: 504,
    origin: "spec",
  },
  {
    errcode: "M_DESTINATION_REJECTED",
    meaning: "The identity server cannot send SMS to that country/region.",
    name: "DestinationRejected",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_DUPLICATE_ANNOTATION",
    meaning: "Same user already sent an annotation (reaction) with that key to that event.",
    name: "DuplicateAnnotation",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_EMAIL_SEND_ERROR",
    meaning: "The identity server failed to send a validation email.",
    name: "EmailSendError",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_EXCLUSIVE",
    meaning:
      "User ID / alias is in an appservice's exclusive namespace (or outside the calling appservice's namespace).",
    name: "Exclusive",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_FORBIDDEN",
    meaning: "Not allowed (permissions, ACL, failed login, etc.).",
    name: "Forbidden",
    status: 403,
    origin: "spec",
  },
  {
    errcode: "M_GUEST_ACCESS_FORBIDDEN",
    meaning: "Guests may not access this room/resource.",
    name: "GuestAccessForbidden",
    status: 403,
    origin: "spec",
  },
  {
    errcode: "M_INCOMPATIBLE_ROOM_VERSION",
    meaning: "The room's version is not supported by the server trying to join.",
    name: "IncompatibleRoomVersion",
    status: 400,
    origin: "spec",
    fields: [{ prop: "roomVersion", keys: ["room_version"], type: "string" }],
  },
  {
    errcode: "M_INVALID_ADDRESS",
    meaning: "The third-party address (e.g. phone number) is not valid.",
    name: "InvalidAddress",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_INVALID_EMAIL",
    meaning: "The email address is not valid.",
    name: "InvalidEmail",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_INVALID_PARAM",
    meaning: "A parameter has a wrong value or type.",
    name: "InvalidParam",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_INVALID_PEPPER",
    meaning: "The lookup pepper is wrong or was rotated; re-fetch /hash_details.",
    name: "InvalidPepper",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_INVALID_ROOM_STATE",
    meaning: "The initial state given to createRoom is invalid.",
    name: "InvalidRoomState",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_INVALID_SIGNATURE",
    meaning: "A cross-signing signature failed verification.",
    name: "InvalidSignature",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_INVALID_USERNAME",
    meaning: "The requested user ID is not valid.",
    name: "InvalidUsername",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_INVITE_BLOCKED",
    meaning: "The invitee's server rejected the invite because the invitee blocks invites.",
    name: "InviteBlocked",
    status: 403,
    origin: "spec",
    aliases: ["ORG.MATRIX.MSC4155.INVITE_BLOCKED", "ORG.MATRIX.MSC4155.M_INVITE_BLOCKED"],
  },
  {
    errcode: "M_KEY_TOO_LARGE",
    meaning: "A custom profile field key is longer than 255 bytes.",
    name: "KeyTooLarge",
    status: 400,
    origin: "spec",
  },
  { errcode: "M_LIMIT_EXCEEDED", meaning: "Rate limited.", name: "LimitExceeded", status: 429, origin: "spec" },
  {
    errcode: "M_MISSING_PARAM",
    meaning: "A required parameter is missing.",
    name: "MissingParam",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_MISSING_PARAMS",
    meaning: "(Identity service) one or more parameters are missing.",
    name: "MissingParams",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_MISSING_TOKEN",
    meaning: "No access token was supplied.",
    name: "MissingToken",
    status: 401,
    origin: "spec",
  },
  {
    errcode: "M_NOT_FOUND",
    meaning: "The requested resource does not exist.",
    name: "NotFound",
    status: 404,
    origin: "spec",
  },
  { errcode: "M_NOT_JSON", meaning: "Body was not valid JSON.", name: "NotJson", status: 400, origin: "spec" },
  {
    errcode: "M_NOT_YET_UPLOADED",
    meaning: "The media ID was reserved but its content is not uploaded yet.",
    name: "NotYetUploaded",
    status: 504,
    origin: "spec",
    aliases: ["FI.MAU.MSC2246_NOT_YET_UPLOADED"],
  },
  {
    errcode: "M_NO_VALID_SESSION",
    meaning: "No validation session matches the sid/client_secret.",
    name: "NoValidSession",
    status: 404,
    origin: "spec",
  },
  {
    errcode: "M_PROFILE_TOO_LARGE",
    meaning: "Storing the value would exceed the 64 KiB profile size limit.",
    name: "ProfileTooLarge",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_RESOURCE_LIMIT_EXCEEDED",
    meaning: "The homeserver hit a resource limit (e.g. MAU cap); writes are refused.",
    name: "ResourceLimitExceeded",
    status: 403,
    origin: "spec",
    fields: [
      { prop: "adminContact", keys: ["admin_contact"], type: "string" },
      { prop: "limitType", keys: ["limit_type"], type: "string" },
    ],
  },
  {
    errcode: "M_ROOM_IN_USE",
    meaning: "The room alias requested in createRoom is taken.",
    name: "RoomInUse",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_SEND_ERROR",
    meaning: "The identity server failed to send a notification (e.g. SMS).",
    name: "SendError",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_SERVER_NOT_TRUSTED",
    meaning: "The request named a third-party (identity) server this homeserver does not trust.",
    name: "ServerNotTrusted",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_SESSION_EXPIRED",
    meaning: "The validation session expired.",
    name: "SessionExpired",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_SESSION_NOT_VALIDATED",
    meaning: "The validation session has not been validated yet.",
    name: "SessionNotValidated",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_TERMS_NOT_SIGNED",
    meaning: "User must accept the identity server's (new) terms of service.",
    name: "TermsNotSigned",
    status: 403,
    origin: "spec",
  },
  {
    errcode: "M_THREEPID_AUTH_FAILED",
    meaning: "Ownership of the third-party identifier could not be verified.",
    name: "ThreepidAuthFailed",
    status: 403,
    origin: "spec",
  },
  {
    errcode: "M_THREEPID_DENIED",
    meaning: "Server policy does not allow this third-party identifier.",
    name: "ThreepidDenied",
    status: 403,
    origin: "spec",
  },
  {
    errcode: "M_THREEPID_IN_USE",
    meaning: "The third-party identifier is already bound/used.",
    name: "ThreepidInUse",
    status: 400,
    origin: "spec",
    fields: [{ prop: "mxid", keys: ["mxid"], type: "string" }],
  },
  {
    errcode: "M_THREEPID_MEDIUM_NOT_SUPPORTED",
    meaning: "The server does not support adding 3PIDs of this medium.",
    name: "ThreepidMediumNotSupported",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_THREEPID_NOT_FOUND",
    meaning: "No account matches the third-party identifier.",
    name: "ThreepidNotFound",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_TOKEN_INCORRECT",
    meaning: "The validation token the user entered is wrong.",
    name: "TokenIncorrect",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_TOO_LARGE",
    meaning: "The request or entity is too large.",
    name: "TooLarge",
    status: 413,
    origin: "spec",
  },
  {
    errcode: "M_UNABLE_TO_AUTHORISE_JOIN",
    meaning: "Resident server cannot evaluate a restricted room's join conditions.",
    name: "UnableToAuthoriseJoin",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_UNABLE_TO_GRANT_JOIN",
    meaning: "Resident server cannot authorise this restricted join; try another server.",
    name: "UnableToGrantJoin",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_UNAUTHORIZED",
    meaning: "Request not correctly authorised (usually login failure).",
    name: "Unauthorized",
    status: 401,
    origin: "spec",
  },
  { errcode: "M_UNKNOWN", meaning: "Unspecified error.", name: "Unknown", status: 400, origin: "spec" },
  {
    errcode: "M_UNKNOWN_DEVICE",
    meaning: "The device_id asserted by an appservice does not belong to the user.",
    name: "UnknownDevice",
    status: 400,
    origin: "spec",
    aliases: ["ORG.MATRIX.MSC4326.M_UNKNOWN_DEVICE"],
  },
  {
    errcode: "M_UNKNOWN_TOKEN",
    meaning: "Access/refresh token not recognised (invalid, logged out, soft-logged-out or expired).",
    name: "UnknownToken",
    status: 401,
    origin: "spec",
    fields: [{ prop: "softLogout", keys: ["soft_logout"], type: "boolean", absent: false }],
  },
  {
    errcode: "M_UNRECOGNIZED",
    meaning: "Server did not understand the request/endpoint.",
    name: "Unrecognized",
    status: 404,
    origin: "spec",
  },
  {
    errcode: "M_UNSUPPORTED_ROOM_VERSION",
    meaning: "Requested room version is not supported by this server.",
    name: "UnsupportedRoomVersion",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_URL_NOT_SET",
    meaning: "The appservice has no URL configured.",
    name: "UrlNotSet",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_USER_DEACTIVATED",
    meaning: "The account is deactivated.",
    name: "UserDeactivated",
    status: 403,
    origin: "spec",
  },
  {
    errcode: "M_USER_IN_USE",
    meaning: "The user ID is already taken.",
    name: "UserInUse",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_USER_LIMIT_EXCEEDED",
    meaning: "The user hit a per-account limit (quota, rooms, devices, ...).",
    name: "UserLimitExceeded",
    status: 403,
    origin: "spec",
    aliases: ["ORG.MATRIX.MSC4335_USER_LIMIT_EXCEEDED"],
    fields: [
      { prop: "infoUri", keys: ["info_uri", "org.matrix.msc4335.info_uri"], type: "string" },
      { prop: "canUpgrade", keys: ["can_upgrade", "org.matrix.msc4335.can_upgrade"], type: "boolean" },
    ],
  },
  {
    errcode: "M_USER_LOCKED",
    meaning: "Account is locked by an admin; keep session state, stop normal use.",
    name: "UserLocked",
    status: 401,
    origin: "spec",
    aliases: ["ORG_MATRIX_MSC3939_USER_LOCKED"],
    fields: [{ prop: "softLogout", keys: ["soft_logout"], type: "boolean", absent: true }],
  },
  {
    errcode: "M_USER_SUSPENDED",
    meaning: "Account is suspended; only limited actions are allowed.",
    name: "UserSuspended",
    status: 403,
    origin: "spec",
    aliases: ["ORG.MATRIX.MSC3823.USER_SUSPENDED"],
  },
  {
    errcode: "M_WEAK_PASSWORD",
    meaning: "The password was rejected as too weak.",
    name: "WeakPassword",
    status: 400,
    origin: "spec",
  },
  {
    errcode: "M_WRONG_ROOM_KEYS_VERSION",
    meaning: "Key-backup upload targeted a backup version that is not current.",
    name: "WrongRoomKeysVersion",
    status: 403,
    origin: "spec",
    fields: [{ prop: "currentVersion", keys: ["current_version"], type: "string" }],
  },
  {
    errcode: "M_CONSENT_NOT_GIVEN",
    meaning: "User must accept the server's privacy policy before continuing.",
    name: "ConsentNotGiven",
    status: 403,
    origin: "synapse",
    fields: [{ prop: "consentUri", keys: ["consent_uri"], type: "string" }],
  },
  {
    errcode: "M_PASSWORD_TOO_SHORT",
    meaning: "Password shorter than server policy minimum.",
    name: "PasswordTooShort",
    status: 400,
    origin: "synapse",
  },
  {
    errcode: "M_PASSWORD_NO_DIGIT",
    meaning: "Password lacks a digit.",
    name: "PasswordNoDigit",
    status: 400,
    origin: "synapse",
  },
  {
    errcode: "M_PASSWORD_NO_UPPERCASE",
    meaning: "Password lacks an uppercase letter.",
    name: "PasswordNoUppercase",
    status: 400,
    origin: "synapse",
  },
  {
    errcode: "M_PASSWORD_NO_LOWERCASE",
    meaning: "Password lacks a lowercase letter.",
    name: "PasswordNoLowercase",
    status: 400,
    origin: "synapse",
  },
  {
    errcode: "M_PASSWORD_NO_SYMBOL",
    meaning: "Password lacks a symbol.",
    name: "PasswordNoSymbol",
    status: 400,
    origin: "synapse",
  },
  {
    errcode: "M_PASSWORD_IN_DICTIONARY",
    meaning: "Password is a dictionary word.",
    name: "PasswordInDictionary",
    status: 400,
    origin: "synapse",
  },
  {
    errcode: "M_UNKNOWN_POS",
    meaning: "Sliding-sync `pos` token unknown/expired; restart without ?pos.",
    name: "UnknownPos",
    status: 400,
    origin: "msc",
  },
] as const satisfies readonly CodeSpec[];

/** A canonical errcode known to this package. */
export type Errcode = (typeof CODES)[number]["errcode"];

/** An unstable alias known to this package. */
export type ErrcodeAlias = Extract<(typeof CODES)[number], { aliases: readonly string[] }>["aliases"][number];
