// The API token: kept in sessionStorage (this tab only, gone when it closes), never in
// the URL. Its claims are read for display only (role, name, expiry) and to say early
// that a token has expired; the server checks the signature and enforces everything.

const KEY = "settlement.token";
const ROLES = ["admin", "finance", "creator"];

export function storedToken() {
  return sessionStorage.getItem(KEY) ?? "";
}

export function storeToken(token) {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}

// What the user pasted, without "Bearer " or white space.
export function cleanToken(text) {
  return text.trim().replace(/^Bearer\s+/i, "").replace(/\s+/g, "");
}

function base64UrlJson(part) {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "=")), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

// {role, subject, creatorId, expires (Date)} from the token's payload, or null when the
// text is not a JWT with the claims of SPEC §10.
export function claimsOf(token) {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const payload = base64UrlJson(parts[1]);
    if (!ROLES.includes(payload.role) || typeof payload.exp !== "number") return null;
    if (payload.role === "creator" && payload.creator_id === undefined) return null;
    return {
      role: payload.role,
      subject: String(payload.sub ?? ""),
      creatorId: payload.creator_id === undefined ? null : String(payload.creator_id),
      expires: new Date(payload.exp * 1000),
    };
  } catch {
    return null;
  }
}

// Why the page cannot use this token, or "" when it may try.
export function problemWith(token, now = new Date()) {
  const claims = claimsOf(token);
  if (!claims) return "This is not an API token: paste the whole token that `settlement token` printed.";
  if (claims.expires <= now)
    return `This token expired at ${claims.expires.toLocaleString()}: ask for a new one.`;
  return "";
}
