// The /v1/ endpoints of SPEC §10, read with the user's token. An answer other than 200 is
// an ApiError with the status and the server's own {"error": "..."} message.

export class ApiError extends Error {
  constructor(status, message, endpoint) {
    super(message);
    this.status = status;
    this.endpoint = endpoint;
  }
}

// GET /v1/<endpoint>?<params> -> the answer's JSON object.
export async function getJson(token, endpoint, params) {
  const query = new URLSearchParams(params).toString();
  let response;
  try {
    response = await fetch(`/v1/${endpoint}?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "the server did not answer", endpoint);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: a proxy's page, say; the status tells enough
  }
  if (!response.ok) throw new ApiError(response.status, body?.error ?? response.statusText, endpoint);
  return body;
}
