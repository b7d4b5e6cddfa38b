package main

import (
	"strings"
	"unicode"
)

// actionVerbs are the last path segments that name an action rather than a
// resource (POST /store/carts/{id}/complete). A POST ending in one is named
// after the verb: CompleteCart. The list is vocabulary, not operations: a new
// route ending in one of these words is named by the same rule.
var actionVerbs = map[string]bool{
	"accept": true, "archive": true, "authorize": true, "batch": true, "calculate": true,
	"callback": true, "cancel": true, "capture": true, "claim": true, "complete": true,
	"confirm": true, "convert-to-order": true, "decline": true, "export": true, "import": true,
	"mark-as-delivered": true, "mark-as-paid": true, "receive": true, "refresh": true,
	"refund": true, "register": true, "request": true, "resend": true, "reset-password": true,
	"revoke": true, "run": true, "sync": true, "transfer": true, "verify": true, "edit": true,
	"update": true, "reindex": true,
}

// readVerbs are the last path segments that name a read: a GET or POST
// ending in one is named after it alone (GET /admin/search, POST
// /store/search: Search).
var readVerbs = map[string]bool{"search": true}

// initialisms are written in upper case in Go names.
var initialisms = map[string]string{"api": "API", "id": "ID", "url": "URL", "mfa": "MFA", "sku": "SKU", "oauth": "OAuth"}

// methodName derives a Go method name from an operation's HTTP method and
// path, the way a reader names the call:
//
//	GET    /store/products            ListProducts
//	GET    /store/products/{id}       GetProduct
//	POST   /admin/products            CreateProduct
//	POST   /admin/products/{id}       UpdateProduct
//	DELETE /admin/products/{id}       DeleteProduct
//	GET    /admin/products/{id}/variants            ListProductVariants
//	POST   /store/carts/{id}/complete               CompleteCart
//	POST   /admin/products/{id}/variants/batch      BatchProductVariants
//	POST   /admin/payment-collections/{id}/mark-as-paid  MarkPaymentCollectionAsPaid
//	GET    /store/customers/me        GetCurrentCustomer
//	POST   /store/customers/me        UpdateCurrentCustomer
//
// The leading /store, /admin or /auth is dropped. An action of several words
// puts its first word first and the rest after the thing it acts on
// (mark-as-paid: MarkPaymentCollectionAsPaid). A "me" segment is the signed-in
// actor: the collection before it is written "Current" + its singular.
//
// Under /auth the segment after /auth is the actor type, and the routes act
// on the actor's identity, never on its record: a POST to a provider
// authenticates (POST /auth/customer/{provider}: AuthenticateCustomer),
// reset-password asks for a reset token (ResetCustomerPassword), update sets a
// new password with that token (UpdateCustomerPassword), and a POST elsewhere
// creates (POST /auth/session: CreateSession). GET /auth/{actor}/providers
// lists the auth providers of the actor type: ListAuthProviders.
//
// Callers resolve collisions (two routes giving one name).
func methodName(method, path string) string {
	var segs []string
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	auth := false
	if len(segs) > 0 && (segs[0] == "store" || segs[0] == "admin" || segs[0] == "auth") {
		auth = segs[0] == "auth"
		segs = segs[1:]
	}
	isParam := func(i int) bool { return i < len(segs) && strings.HasPrefix(segs[i], "{") }
	last := len(segs) - 1
	for last >= 0 && isParam(last) {
		last--
	}
	if last < 0 {
		return ""
	}
	endsInParam := last < len(segs)-1
	// An /auth route under a provider: /auth/{actor}/{provider}[/action].
	authProvider := auth && len(segs) >= 2 && !isParam(0) && isParam(1)

	verb, object := "", ""
	// GET /auth/{actor}/providers: the auth providers the actor type can
	// log in with, a list of the namespace (the JS SDK's auth.listProviders),
	// not the actor's own record (GET /admin/users/{id}/auth-providers is
	// ListUserAuthProviders).
	if auth && len(segs) == 2 && !isParam(0) && segs[1] == "providers" && strings.ToUpper(method) == "GET" {
		return "ListAuthProviders"
	}
	lastStatic := segs[last]
	if authProvider && lastStatic == "update" && !endsInParam {
		lastStatic = "update-password"
	}
	nounsEnd := last + 1 // exclusive
	switch strings.ToUpper(method) {
	case "GET":
		verb = "Get"
		switch {
		case authProvider && endsInParam:
			verb = "Authenticate" // GET /auth/{actor}/{provider}: the same step as its POST
		case !endsInParam && readVerbs[lastStatic]:
			words := strings.SplitN(lastStatic, "-", 2)
			verb = pascal(words[0])
			if len(words) == 2 {
				object = pascal(words[1])
			}
			nounsEnd = last
		case !endsInParam && isPlural(lastStatic):
			verb = "List"
		}
	case "DELETE":
		verb = "Delete"
	case "POST", "PUT", "PATCH":
		switch {
		case auth && endsInParam:
			verb = "Authenticate" // POST /auth/{actor}/{provider}
		case endsInParam:
			verb = "Update"
		case actionVerbs[lastStatic] || readVerbs[lastStatic] || lastStatic == "update-password":
			words := strings.SplitN(lastStatic, "-", 2)
			verb = pascal(words[0])
			if len(words) == 2 {
				object = pascal(words[1])
			}
			nounsEnd = last
		case isPlural(lastStatic), auth:
			verb = "Create"
		default:
			verb = "Update"
		}
	default:
		verb = pascal(strings.ToLower(method))
	}

	var b strings.Builder
	b.WriteString(verb)
	for i := 0; i < nounsEnd; i++ {
		if isParam(i) || segs[i] == "me" {
			continue
		}
		w := segs[i]
		switch {
		case i+1 < len(segs) && segs[i+1] == "me":
			// customers/me: the signed-in customer.
			b.WriteString("Current")
			w = singular(w)
		case isParam(i+1) || (verb == "Create" && i == last):
			// A resource followed by its ID, or the created item of a
			// collection, is one thing: singular.
			w = singular(w)
		}
		b.WriteString(pascal(w))
	}
	b.WriteString(object)
	return b.String()
}

func isPlural(w string) bool {
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us")
}

func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:len(w)-2]
	case isPlural(w):
		return w[:len(w)-1]
	}
	return w
}

// pascal turns "api-keys" or "line_items" into "APIKeys" and "LineItems".
func pascal(s string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if up, ok := initialisms[strings.ToLower(part)]; ok {
			b.WriteString(up)
			continue
		}
		r := []rune(part)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}
