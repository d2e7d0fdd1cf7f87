package exposure

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// functionURLs exposes every Lambda function URL: anonymous with authorization_type NONE, behind IAM with
// AWS_IAM (AWS Lambda Developer Guide, "Control access to Lambda function URLs").
func (r *run) functionURLs() {
	for _, u := range r.ofTypes(model.KindExposure, "aws_lambda_function_url") {
		r.functionURL(u)
	}
}

func (r *run) functionURL(u *model.Node) {
	var fn *model.Node
	for _, n := range r.outOf(u.ID, model.EdgeExposes) {
		if n.Type == "aws_lambda_function" {
			fn = n
		}
	}
	auth, assumed := authOf(u, "authorization_type", map[string]string{"NONE": authNone, "AWS_IAM": authIAM})
	var controls []control
	switch auth {
	case authIAM:
		controls = append(controls, control{id: u.ID, kind: "authentication", what: "AWS_IAM: callers sign requests with IAM credentials allowed to invoke the URL",
			ev: link.Evidence(u, "authorization_type = AWS_IAM")})
	case authNone:
		if fn != nil {
			c, a := r.urlPermission(fn)
			controls, assumed = append(controls, c...), append(assumed, a...)
		}
	}
	target := "its function"
	if fn != nil {
		target = fn.ID
	}
	r.expose(exposure{node: u, ports: []int{443}, protocol: "HTTPS", auth: auth, controls: controls, assumptions: assumed,
		method: "function-url", reason: fmt.Sprintf("function URL %s answers on the internet with authorization %s and invokes %s", u.ID, auth, target),
		evidence: []model.Evidence{link.Evidence(u, "authorization_type = "+describe(u.Attrs["authorization_type"]))}})
	if fn != nil {
		r.reachWorkload(fn, route{entry: u.ID, hops: []string{model.InternetID, u.ID, fn.ID}, ports: []int{443}, protocol: "HTTPS",
			auth: auth, controls: controls, assumptions: assumed, ev: link.Evidence(u, "function URL")})
	}
}

// urlPermission finds the resource-based permission that lets everyone invoke a function through its URL.
func (r *run) urlPermission(fn *model.Node) ([]control, []string) {
	for _, p := range r.inOf(fn.ID, model.EdgeAttachedTo) {
		if p.Type == "aws_lambda_permission" && strAttr(p.Attrs, "principal") == "*" &&
			strings.EqualFold(strAttr(p.Attrs, "action"), "lambda:InvokeFunctionUrl") {
			return []control{{id: p.ID, kind: "lambda-permission", what: "everyone (*) may invoke the function URL",
				ev: link.Evidence(p, "principal = *")}}, nil
		}
	}
	return nil, []string{fmt.Sprintf("no aws_lambda_permission in the scanned files lets everyone invoke %s through its URL; assumed granted elsewhere (the console adds it)", fn.ID)}
}

// authOf maps an authorization attribute to an authentication value; an unknown or unexpected value is
// "unknown" with an assumption.
func authOf(n *model.Node, attr string, values map[string]string) (string, []string) {
	v := n.Attrs[attr]
	if v == nil {
		if a, ok := values[""]; ok {
			return a, nil
		}
	}
	s, ok := v.(string)
	if ok {
		if a, known := values[strings.ToUpper(s)]; known {
			return a, nil
		}
	}
	return authUnknown, []string{fmt.Sprintf("%s of %s is %s; its authentication is unknown", attr, n.ID, describe(v))}
}

// restAuth maps a REST API method's authorization to an authentication value.
var restAuth = map[string]string{"NONE": authNone, "AWS_IAM": authIAM, "COGNITO_USER_POOLS": authJWT, "CUSTOM": authCustom}

// restAPIs exposes the methods of REST APIs (API Gateway v1) that are not PRIVATE, and follows their
// integrations to Lambda functions.
func (r *run) restAPIs() {
	for _, api := range r.ofTypes(model.KindExposure, "aws_api_gateway_rest_api") {
		private := false
		for _, b := range blocks(api.Attrs, "endpoint_configuration") {
			for _, t := range stringsOf(b["types"]) {
				private = private || strings.EqualFold(t, "PRIVATE")
			}
		}
		for _, m := range r.inOf(api.ID, model.EdgePartOf) {
			if m.Type != "aws_api_gateway_method" {
				continue
			}
			if private {
				r.refuseExposure(m, "api-endpoint-type", fmt.Sprintf("%s belongs to %s, a PRIVATE API: only VPC endpoints reach it", m.ID, api.ID),
					link.Evidence(api, "endpoint_configuration types = PRIVATE"))
				continue
			}
			r.restMethod(api, m)
		}
	}
}

func (r *run) restMethod(api, m *model.Node) {
	auth, assumed := authOf(m, "authorization", restAuth)
	assumed = append(assumed, r.stageAssumption(api, "aws_api_gateway_stage")...)
	var controls []control
	for _, a := range r.outOf(m.ID, model.EdgeProtectedBy) {
		controls = append(controls, control{id: a.ID, kind: "authorizer", what: "authorizer " + a.Name, ev: link.Evidence(a, "authorizer")})
	}
	if auth == authIAM {
		controls = append(controls, control{id: m.ID, kind: "authentication", what: "AWS_IAM: callers sign requests with IAM credentials",
			ev: link.Evidence(m, "authorization = AWS_IAM")})
	}
	if v, _, _ := boolOf(m.Attrs["api_key_required"]); v {
		controls = append(controls, control{id: m.ID, kind: "api-key", what: "an API key is required (identifies, does not authenticate)",
			ev: link.Evidence(m, "api_key_required = true")})
	}
	verb := strAttr(m.Attrs, "http_method")
	path := r.restPath(m)
	r.expose(exposure{node: m, ports: []int{443}, protocol: "HTTPS", auth: auth, controls: controls, assumptions: assumed,
		method: "api-gateway-method", reason: fmt.Sprintf("%s %s of REST API %s answers on the internet with authorization %s", verb, path, api.ID, auth),
		evidence: []model.Evidence{link.Evidence(m, "authorization = "+describe(m.Attrs["authorization"]))},
		extra:    map[string]any{"api": api.ID, "http_method": verb, "paths": []any{path}}})
	for _, integ := range r.restIntegrations(api, m) {
		for _, fn := range r.outOf(integ.ID, model.EdgeRoutesTo) {
			if fn.Kind != model.KindWorkload {
				continue
			}
			c, a := r.lambdaPermission(fn, "apigateway.amazonaws.com")
			r.reachWorkload(fn, route{entry: m.ID, hops: []string{model.InternetID, m.ID, integ.ID, fn.ID}, ports: []int{443},
				protocol: "HTTPS", auth: auth, paths: []string{path}, controls: append(append([]control(nil), controls...), c...),
				assumptions: append(append([]string(nil), assumed...), a...), ev: link.Evidence(m, "API method")})
		}
	}
}

// restIntegrations returns a method's integrations: the routes-to edges the extractor made, or else the
// integrations of the same API, resource and HTTP method, for which it adds the routes-to hop.
func (r *run) restIntegrations(api, m *model.Node) []*model.Node {
	var out []*model.Node
	for _, n := range r.outOf(m.ID, model.EdgeRoutesTo) {
		if n.Type == "aws_api_gateway_integration" {
			out = append(out, n)
		}
	}
	if len(out) > 0 {
		return out
	}
	res := r.refTarget(m, m.Attrs["resource_id"])
	for _, integ := range r.inOf(api.ID, model.EdgePartOf) {
		if integ.Type != "aws_api_gateway_integration" || !strings.EqualFold(strAttr(integ.Attrs, "http_method"), strAttr(m.Attrs, "http_method")) ||
			r.refTarget(integ, integ.Attrs["resource_id"]) != res {
			continue
		}
		out = append(out, integ)
		r.out.edge(m.ID, model.EdgeRoutesTo, integ.ID, link.Link{Method: "api-gateway-integration", Confidence: link.High,
			Reason:   fmt.Sprintf("%s is the integration of %s: same API, resource and HTTP method", integ.ID, m.ID),
			Evidence: []model.Evidence{link.Evidence(integ, "http_method = "+strAttr(m.Attrs, "http_method")), link.Evidence(m, "method")}})
	}
	return out
}

// refTarget names what an attribute refers to: the node ID and attribute it reads, or the literal text.
func (r *run) refTarget(from *model.Node, v any) string {
	if expr, ok := model.IsUnknown(v); ok {
		for _, ref := range r.ix.ResolveRefs(from, expr) {
			return ref.Node.ID + "." + ref.Attr
		}
		return expr
	}
	return describe(v)
}

// restPath builds a method's path from its resource chain ("/items/{id}"); a part Seam cannot follow is "?".
func (r *run) restPath(m *model.Node) string {
	var parts []string
	cur, v := m, m.Attrs["resource_id"]
	for i := 0; i < 32; i++ {
		expr, ok := model.IsUnknown(v)
		if !ok {
			parts = append(parts, "?")
			break
		}
		refs := r.ix.ResolveRefs(cur, expr)
		if len(refs) == 0 {
			parts = append(parts, "?")
			break
		}
		n := refs[0].Node
		if n.Type != "aws_api_gateway_resource" {
			break // the API's root resource
		}
		parts = append(parts, describe(n.Attrs["path_part"]))
		cur, v = n, n.Attrs["parent_id"]
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return "/" + strings.Join(parts, "/")
}

// stageAssumption says that an API no stage in the scan deploys is assumed deployed.
func (r *run) stageAssumption(api *model.Node, stageType string) []string {
	for _, s := range r.inOf(api.ID, model.EdgeRoutesTo) {
		if s.Type == stageType {
			return nil
		}
	}
	return []string{fmt.Sprintf("no %s in the scanned files deploys %s; assumed deployed", stageType, api.ID)}
}

// httpAuth maps an HTTP or WebSocket API route's authorization_type (default NONE) to authentication.
var httpAuth = map[string]string{"": authNone, "NONE": authNone, "AWS_IAM": authIAM, "JWT": authJWT, "CUSTOM": authCustom}

// httpAPIs exposes the routes of HTTP and WebSocket APIs (API Gateway v2) and follows their integrations.
func (r *run) httpAPIs() {
	for _, api := range r.ofTypes(model.KindExposure, "aws_apigatewayv2_api") {
		assumed := r.stageAssumption(api, "aws_apigatewayv2_stage")
		proto := "HTTPS"
		if strings.EqualFold(strAttr(api.Attrs, "protocol_type"), "WEBSOCKET") {
			proto = "WSS"
		}
		for _, n := range r.outOf(api.ID, model.EdgeRoutesTo) {
			switch {
			case n.Type == "aws_apigatewayv2_route":
				r.httpRoute(api, n, proto, assumed)
			case n.Kind == model.KindWorkload:
				// quick create: target on the API makes a $default route with no authorization
				r.expose(exposure{node: api, ports: []int{443}, protocol: proto, auth: authNone, assumptions: assumed,
					method: "api-gateway-route", reason: fmt.Sprintf("%s has a $default route (quick create) with no authorization", api.ID),
					evidence: []model.Evidence{link.Evidence(api, "target")}, extra: map[string]any{"route_key": "$default"}})
				r.reachWorkload(n, route{entry: api.ID, hops: []string{model.InternetID, api.ID, n.ID}, ports: []int{443},
					protocol: proto, auth: authNone, assumptions: assumed, ev: link.Evidence(api, "quick create target")})
			}
		}
	}
}

func (r *run) httpRoute(api, rt *model.Node, proto string, apiAssumed []string) {
	auth, assumed := authOf(rt, "authorization_type", httpAuth)
	assumed = append(assumed, apiAssumed...)
	var controls []control
	for _, a := range r.outOf(rt.ID, model.EdgeProtectedBy) {
		controls = append(controls, control{id: a.ID, kind: "authorizer", what: fmt.Sprintf("%s authorizer %s", strAttr(a.Attrs, "authorizer_type"), a.Name),
			ev: link.Evidence(a, "authorizer")})
	}
	if auth == authIAM {
		controls = append(controls, control{id: rt.ID, kind: "authentication", what: "AWS_IAM: callers sign requests with IAM credentials",
			ev: link.Evidence(rt, "authorization_type = AWS_IAM")})
	}
	key := strAttr(rt.Attrs, "route_key")
	var paths []string
	if _, p, ok := strings.Cut(key, " "); ok {
		paths = append(paths, p)
	}
	r.expose(exposure{node: rt, ports: []int{443}, protocol: proto, auth: auth, controls: controls, assumptions: assumed,
		method: "api-gateway-route", reason: fmt.Sprintf("route %q of %s answers on the internet with authorization %s", key, api.ID, auth),
		evidence: []model.Evidence{link.Evidence(rt, "authorization_type = "+describe(rt.Attrs["authorization_type"]))},
		extra:    map[string]any{"api": api.ID, "route_key": key}})
	for _, integ := range r.outOf(rt.ID, model.EdgeRoutesTo) {
		if integ.Type != "aws_apigatewayv2_integration" {
			continue
		}
		for _, fn := range r.outOf(integ.ID, model.EdgeRoutesTo) {
			if fn.Kind != model.KindWorkload {
				continue
			}
			c, a := r.lambdaPermission(fn, "apigateway.amazonaws.com")
			r.reachWorkload(fn, route{entry: rt.ID, hops: []string{model.InternetID, rt.ID, integ.ID, fn.ID}, ports: []int{443},
				protocol: proto, auth: auth, paths: paths, controls: append(append([]control(nil), controls...), c...),
				assumptions: append(append([]string(nil), assumed...), a...), ev: link.Evidence(rt, "API route")})
		}
	}
}
