/*
Package medusa is the typed Go SDK for the Medusa v2 commerce API: one client
for the Store API, the Admin API and Medusa's /auth routes, with every
endpoint a method that takes typed parameters and returns a typed answer.

# The client

[New] makes a [Client] for one Medusa server; its options are checked there,
so a bad value or two options that contradict each other are an error from
New, never a surprise later:

	c, err := medusa.New("https://shop.example.com",
		medusa.WithPublishableKey("pk_..."), // every /store request needs one
		medusa.WithTimeout(30*time.Second),
		medusa.WithLogger(slog.Default()),   // debug logs, credentials redacted
	)

A Client is safe for concurrent use: create one per server and share it. Its
fields hold the three APIs: c.Store (package gen/store), c.Admin (package
gen/admin) and c.Auth (package authn). [WithHTTPClient] injects your own
*http.Client (transport, proxy, TLS); see ExampleNew_options.

# Calls

Every generated method takes a context first, then its path parameters, its
query parameters (a *...Params struct, nil for none), its body when it has
one, and any [RequestOption]s; it returns the decoded answer or an error:

	res, err := c.Store.ListProducts(ctx, &store.ListProductsParams{Limit: medusa.Ptr(20)})

[Ptr] makes the pointers optional fields take; [Nullable] (built with [Set]
and [Null]) is a field that can also be sent as JSON null, to clear a value
on the server (ExampleNull). A per-call header is [WithHeader]; a locale for
translated answers is [WithLocale] or [Client.SetLocale] (ExampleWithLocale).

# Authentication

Each way Medusa accepts a caller is an option or an authn flow:

  - a customer or an admin user logging in with e-mail and password:
    c.Auth.Login(ctx, "customer", "emailpass", medusa.EmailPass{...}) keeps the
    JWT in a token store (in memory, or [WithTokenStore] with
    authn.NewFileStore) and sends it on every call (Example_jwt,
    Example_tokenFile, Example_customer);
  - a session cookie instead of a JWT: [WithSession] (Example_session);
  - a secret API key for server-to-server admin calls: [WithSecretAPIKey]
    (Example_secretAPIKey);
  - many customers through one client: the token travels on the context with
    [WithToken] (or [WithAPIKey], [WithoutCredentials]) and nothing is stored
    (ExampleWithToken).

Registration, password reset, third-party callbacks, refresh and multi-factor
authentication are methods of authn.Auth. Credentials are sent only to the
server New was given, and never appear in an error, a log line or a %v.

# Errors

A non-2xx answer is a *[Error] with the HTTP status and Medusa's type, code
and message; match it with errors.As (ExampleError). Transport errors
(timeouts, refused connections, a cancelled context) are returned as they
are, so errors.Is(err, context.DeadlineExceeded) works. An answer that does
not decode is a *[DecodeError]; one larger than the limit is a
*[BodyTooLargeError] ([WithMaxBodySize], ExampleWithMaxBodySize). A write
whose answer was lost (it may have been applied) is an
*[UnknownOutcomeError] wrapping the transport error: read the record back
before sending it again (ExampleUnknownOutcomeError, [CreateOnce]).

# Pagination

Every list operation has an "All" form that walks the pages and yields one
record at a time as an iter.Seq2 (ExampleClient_pagination):

	for p, err := range c.Store.ListProductsAll(ctx, nil) { ... }

# Retries

Reads, DELETE and PUT are retried after a connection error, a 429 or a
5xx, with backoff and Retry-After honoured: [DefaultRetryPolicy],
[WithRetry], [WithMaxRetries]. A POST is retried only when [Retryable]
marks it as one Medusa makes idempotent (completing a cart), or when it
carries Idempotency-Key and [WithIdempotencyKeySupport] declares a gateway
that honours it (Medusa does not). Any request whose connection was refused
is sent again: it never reached the server.

# Custom routes, uploads and streams

[Client.Do] calls a route of your own Medusa plugin or one the SDK does not
type, with the client's auth, retries and errors (ExampleClient_Do);
[Client.HTTPClient] gives a plain *http.Client that does the same
(ExampleClient_HTTPClient). Files are uploaded with [Client.UploadFiles]
and [Client.ImportProducts] (ExampleClient_UploadFiles); server-sent event
streams are read with [Client.Events] and [Client.SubscribeWorkflow]
(ExampleClient_Events).

# Versions

SDK v2.<minor>.x is generated for Medusa 2.<minor>; inside v2 nothing is
renamed or removed. The README says which release this one targets and how it
is regenerated.
*/
package medusa
