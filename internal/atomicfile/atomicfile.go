// Package atomicfile writes report files so that a reader never sees a half
// written report: the content goes to a temporary file in the same directory,
// which replaces the target only once it is complete and synced.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// File is a report file being written.
type File struct {
	*os.File
	target string
	done   bool
}

// Create starts writing path.
func Create(path string) (*File, error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", path, err)
	}
	return &File{File: tmp, target: path}, nil
}

// Commit makes the content visible at the target path.
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	f.done = true
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

// Abort discards the content; the target is left as it was.
func (f *File) Abort() {
	if !f.done {
		f.done = true
		f.abort()
	}
}

func (f *File) abort() {
	f.Close()
	os.Remove(f.Name())
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
