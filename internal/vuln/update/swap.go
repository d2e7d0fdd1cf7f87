package update

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// lock is the exclusive lock file of an update, refreshed (its mtime moved to now) while the update runs.
type lock struct {
	path string
	now  func() time.Time
	last time.Time
}

// acquireLock creates the lock file exclusively; a lock not refreshed for StaleLock is taken over.
func acquireLock(path string, now func() time.Time) (*lock, error) {
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			fmt.Fprintf(f, "pid %d\nstarted %s\n", os.Getpid(), now().UTC().Format(time.RFC3339))
			f.Close()
			l := &lock{path: path, now: now, last: now()}
			l.touch()
			return l, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		info, serr := os.Stat(path)
		if serr != nil || now().Sub(info.ModTime()) < StaleLock {
			return nil, fmt.Errorf("%w: lock %s is held (remove it if no update is running)", ErrLocked, path)
		}
		os.Remove(path) // stale: its update stopped refreshing it
	}
	return nil, fmt.Errorf("%w: lock %s could not be taken over", ErrLocked, path)
}

func (l *lock) touch() {
	t := l.now()
	os.Chtimes(l.path, t, t)
	l.last = t
}

// refresh moves the lock's mtime to now at most once a lockRefresh.
func (l *lock) refresh() {
	if l != nil && l.now().Sub(l.last) >= lockRefresh {
		l.touch()
	}
}

func (l *lock) release() { os.Remove(l.path) }

// removeLeftovers deletes the .new-* and .old-* directories a crashed update left beside the database.
func removeLeftovers(parent, name string) {
	for _, pattern := range []string{"." + name + ".new-*", "." + name + ".old-*"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, m := range matches {
			os.RemoveAll(m)
		}
	}
}

// swap puts tmp in the place of dir: the old directory is renamed aside, tmp renamed in, the old one removed.
// If tmp cannot be renamed in, the old directory is put back.
func swap(dir, tmp, parent, name string) error {
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = filepath.Join(parent, "."+name+".old-"+strconv.FormatInt(time.Now().UnixNano(), 36))
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("swap: %w", err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("swap: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			if rerr := os.Rename(old, dir); rerr != nil {
				return fmt.Errorf("swap: %w; the previous database is at %s (%v)", err, old, rerr)
			}
		}
		return fmt.Errorf("swap: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}
