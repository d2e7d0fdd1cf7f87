package sarif

// The types below are the part of the SARIF 2.1.0 object model
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) the importer reads; every other
// property is ignored. Section numbers refer to that specification.

// sarifLog is the top-level object (§3.13).
type sarifLog struct {
	Version string `json:"version"`
	Runs    []run  `json:"runs"`
}

// run is one invocation of one tool (§3.14). Results are decoded one at a time, so that each keeps the line
// it starts at (see decode.go); the run's other properties are decoded here.
type run struct {
	Tool               tool                        `json:"tool"`
	OriginalURIBaseIDs map[string]artifactLocation `json:"originalUriBaseIds"` // §3.14.14
	Artifacts          []artifact                  `json:"artifacts"`          // §3.14.15
	Results            []located                   `json:"-"`
}

// located is a result with the line of the SARIF file it starts at.
type located struct {
	result
	line int
}

// tool is the analysis tool: its driver and the extensions (CodeQL query packs) that hold rules (§3.18).
type tool struct {
	Driver     toolComponent   `json:"driver"`
	Extensions []toolComponent `json:"extensions"`
}

// toolComponent is a driver or an extension (§3.19).
type toolComponent struct {
	Name            string       `json:"name"`
	Version         string       `json:"version"`
	SemanticVersion string       `json:"semanticVersion"`
	Rules           []descriptor `json:"rules"`
}

// descriptor is a reportingDescriptor: a rule (§3.49).
type descriptor struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     *message           `json:"shortDescription"`
	FullDescription      *message           `json:"fullDescription"`
	MessageStrings       map[string]message `json:"messageStrings"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties    map[string]any `json:"properties"`
	Relationships []relationship `json:"relationships"` // §3.49.15: gosec relates each rule to a CWE taxon
}

// relationship relates a rule to another descriptor, such as a taxon of the CWE taxonomy (§3.53).
type relationship struct {
	Target descriptorRef `json:"target"`
}

// descriptorRef is a reportingDescriptorReference (§3.52).
type descriptorRef struct {
	ID            string `json:"id"`
	Index         *int   `json:"index"`
	ToolComponent *struct {
		Name  string `json:"name"`
		Index *int   `json:"index"`
	} `json:"toolComponent"`
}

// result is one finding (§3.27).
type result struct {
	RuleID        string          `json:"ruleId"`
	RuleIndex     *int            `json:"ruleIndex"`
	Rule          *descriptorRef  `json:"rule"`
	Kind          string          `json:"kind"`
	Level         string          `json:"level"`
	Message       message         `json:"message"`
	Locations     []location      `json:"locations"`
	CodeFlows     []codeFlow      `json:"codeFlows"`
	Taxa          []descriptorRef `json:"taxa"`
	Suppressions  []suppression   `json:"suppressions"`
	BaselineState string          `json:"baselineState"`
	Properties    map[string]any  `json:"properties"`
}

// message is a text message, plain or through a rule's message strings (§3.11).
type message struct {
	Text      string   `json:"text"`
	ID        string   `json:"id"`
	Arguments []string `json:"arguments"`
}

// location is where a result is (§3.28).
type location struct {
	PhysicalLocation *physicalLocation `json:"physicalLocation"`
	Message          *message          `json:"message"`
}

// physicalLocation is a file and a region of it (§3.29).
type physicalLocation struct {
	ArtifactLocation artifactLocation `json:"artifactLocation"`
	Region           *region          `json:"region"`
}

// artifactLocation is a URI, possibly relative to a base (§3.4).
type artifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
	Index     *int   `json:"index"`
}

// artifact is one entry of a run's artifact table, which artifactLocation.index points into (§3.24).
type artifact struct {
	Location artifactLocation `json:"location"`
}

// region is a part of a file (§3.30). Snippets are not read: secret scanners write the secret into them.
type region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
}

// codeFlow is the path data takes to the result (§3.36); only its first location, the source, is read.
type codeFlow struct {
	ThreadFlows []struct {
		Locations []struct {
			Location *location `json:"location"`
		} `json:"locations"`
	} `json:"threadFlows"`
}

// suppression records that a result was suppressed in the source or by a reviewer (§3.35).
type suppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification"`
}
