//go:build !unix

package authn

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// readTokenFile refuses a symbolic link at path and reads the file. File
// modes do not describe access on this system, so they are not checked.
func readTokenFile(path string) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("authn: token file %s: %w: it is a symbolic link, which a FileStore does not follow", path, ErrUnsafeTokenFile)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxTokenFile))
}

const maxTokenFile = 1 << 20

func checkTokenDir(string) error { return nil }
