// Error bodies follow the OData v4 JSON error format ({"error":{"code","message"}}). The reference
// does not capture Ploomes' actual bodies; this shape is our assumption, chosen because Ploomes is
// an ASP.NET OData service and that is what such services emit.

export class PloomesApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PloomesApiError';
  }

  body(): string {
    return JSON.stringify({ error: { code: this.code, message: this.message } });
  }
}

/** What the real API answers for an unknown property (and for an expired key): 403, not 400. */
export function forbidden(): PloomesApiError {
  return new PloomesApiError(403, 'Forbidden', 'Your request has been forbidden');
}

export function badRequest(message: string): PloomesApiError {
  return new PloomesApiError(400, 'BadRequest', message);
}

export function notFound(message: string): PloomesApiError {
  return new PloomesApiError(404, 'NotFound', message);
}

/** A $filter/$orderby/$expand syntax problem, worded like ASP.NET OData's parser errors. */
export function querySyntaxError(detail: string): PloomesApiError {
  return badRequest(`The query specified in the URI is not valid. ${detail}`);
}
