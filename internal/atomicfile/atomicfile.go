// Package atomicfile writes report files so that a reader never sees a half
// written report: the content goes to a temporary file in the same directory,
// which replaces the target only once it is complete and synced.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// File is a report file being written.
type File struct {
	*os.File
	target string
	done   bool
	direct bool // written in place: a terminal, a pipe, /dev/stdout, …
}

// Create starts writing path. A path that is not a regular file, or names
// one under /dev or /proc (a terminal, a pipe, /dev/null, a process
// substitution's /dev/fd/63), is written in place and appended to: it
// cannot be replaced, replacing /dev/stderr would break the system, and
// truncating a descriptor's file would cut what the shell wrote before. A
// symbolic link is followed, even one to a file not yet there, so the link
// stays and the file it names is replaced.
func Create(path string) (*File, error) {
	target := Target(path)
	if fi, err := os.Stat(path); err == nil && (!fi.Mode().IsRegular() || special(path) || special(target)) {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return nil, fmt.Errorf("opening %s: %w", path, err)
		}
		return &File{File: f, target: path, direct: true}, nil
	}
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", path, err)
	}
	return &File{File: tmp, target: target}, nil
}

// Target is the file a write to path replaces: path with its symbolic links
// followed, also when the last link names a file that does not exist yet.
func Target(path string) string {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			break
		}
		link, err := os.Readlink(path)
		if err != nil {
			break
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// special reports a path in the kernel's file systems, which name
// descriptors and devices rather than files.
func special(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	return strings.HasPrefix(abs, "/dev/") || strings.HasPrefix(abs, "/proc/")
}

// Commit makes the content visible at the target path.
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	f.done = true
	if f.direct {
		if err := f.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", f.target, err)
		}
		return nil
	}
	if err := f.Sync(); err != nil {
		f.abort()
		return fmt.Errorf("writing %s: %w", f.target, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", f.target, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", f.target, err)
	}
	if err := os.Rename(f.Name(), f.target); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", f.target, err)
	}
	return nil
}

// Abort discards the content; the target is left as it was (what went to
// a terminal or a pipe is gone already).
func (f *File) Abort() {
	if !f.done {
		f.done = true
		f.abort()
	}
}

func (f *File) abort() {
	f.Close()
	if !f.direct {
		os.Remove(f.Name())
	}
}

// WriteFile writes data to path atomically: the whole content or, on any
// error, the target as it was.
func WriteFile(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Commit()
}
