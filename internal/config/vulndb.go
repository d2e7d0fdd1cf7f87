package config

// VulnDB says where the known-vulnerability data is. Every path is relative to the scanned root unless it is
// absolute; a missing file is reported when the scan opens it, not here (the database may be built later by
// seam db update).
type VulnDB struct {
	// Path is an OSV database: a directory of OSV JSON, a zip export, a directory of per-ecosystem zips, or a
	// database seam db update built. "" means the command line's --vuln-db, else the default cache directory.
	Path string `json:"path,omitempty"`
	// KEV is CISA's Known Exploited Vulnerabilities catalogue (JSON).
	KEV string `json:"kev,omitempty"`
	// EPSS is FIRST's EPSS scores (CSV, optionally gzip-compressed).
	EPSS string `json:"epss,omitempty"`
}
