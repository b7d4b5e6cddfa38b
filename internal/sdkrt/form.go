package sdkrt

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"path"
	"strings"
)

// File is a file to upload: its name (with an extension), its content type
// ("" guesses it from the name's extension, else application/octet-stream)
// and its content, read once to its end.
type File struct {
	Name        string
	ContentType string
	Content     io.Reader
}

// ReadFile checks f and reads its content: the name, content type and bytes
// to send.
func ReadFile(f File) (name, ctype string, data []byte, err error) {
	if f.Name == "" || strings.ContainsAny(f.Name, "\r\n\"") {
		return "", "", nil, fmt.Errorf("file name %q: empty, or with a quote or line break", f.Name)
	}
	if f.Content == nil {
		return "", "", nil, fmt.Errorf("file %q: nil Content", f.Name)
	}
	ctype = f.ContentType
	if ctype == "" {
		ctype = mime.TypeByExtension(path.Ext(f.Name))
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if _, _, err := mime.ParseMediaType(ctype); err != nil {
		return "", "", nil, fmt.Errorf("file %q: content type %q: %w", f.Name, ctype, err)
	}
	data, err = io.ReadAll(f.Content)
	if err != nil {
		return "", "", nil, fmt.Errorf("read file %q: %w", f.Name, err)
	}
	return f.Name, ctype, data, nil
}

// Form builds a multipart/form-data body: the generated methods of
// multipart routes add their fields to it in order, then Encode it. The
// first error is kept and returned by Encode.
type Form struct {
	Op  string // the method's name, for errors ("admin.CreateUpload")
	buf bytes.Buffer
	w   *multipart.Writer
	err error
}

func (f *Form) writer() *multipart.Writer {
	if f.w == nil {
		f.w = multipart.NewWriter(&f.buf)
	}
	return f.w
}

// Files adds one part named field per file; a required field with no file
// is an error.
func (f *Form) Files(field string, required bool, files ...File) {
	if f.err == nil && required && len(files) == 0 {
		f.err = fmt.Errorf("form field %q: no file (required)", field)
	}
	for _, file := range files {
		if f.err != nil {
			return
		}
		name, ctype, data, err := ReadFile(file)
		if err != nil {
			f.err = fmt.Errorf("form field %q: %w", field, err)
			return
		}
		h := make(textproto.MIMEHeader)
		h.Set("Content-Disposition", mime.FormatMediaType("form-data", map[string]string{"name": field, "filename": name}))
		h.Set("Content-Type", ctype)
		part, err := f.writer().CreatePart(h)
		if err == nil {
			_, err = part.Write(data)
		}
		f.err = err
	}
}

// Field adds a text field; a nil value adds nothing.
func (f *Form) Field(field string, value *string) {
	if f.err != nil || value == nil {
		return
	}
	f.err = f.writer().WriteField(field, *value)
}

// Encode ends the form and returns its content type and body; the body is
// a *bytes.Reader, so a request made with it can be retried.
func (f *Form) Encode() (ctype string, body *bytes.Reader, err error) {
	if f.err != nil {
		return "", nil, fmt.Errorf("%s: %w", f.Op, f.err)
	}
	w := f.writer()
	if err := w.Close(); err != nil {
		return "", nil, err
	}
	return w.FormDataContentType(), bytes.NewReader(f.buf.Bytes()), nil
}
