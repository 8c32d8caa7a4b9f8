// Package jsonerr turns encoding/json decoding errors into messages a user
// can act on: the line of the problem and the expected kind of value, instead
// of byte offsets and Go type names.
package jsonerr

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Describe explains err, an error from decoding data.
func Describe(data []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		field := te.Field
		if field == "" {
			field = "the document"
		}
		err = fmt.Errorf("%s is a JSON %s, not %s", field, te.Value, kindName(te.Type.Kind().String()))
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if off >= 0 && off <= int64(len(data)) {
		return fmt.Sprintf("line %d: %s", 1+bytes.Count(data[:off], []byte("\n")), msg)
	}
	return msg
}

func kindName(kind string) string {
	switch kind {
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "a list"
	case "string":
		return "a string"
	case "int", "int64", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "ptr":
		return "the expected value"
	}
	return kind
}
