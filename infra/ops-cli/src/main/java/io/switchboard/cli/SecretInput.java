package io.switchboard.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a secret comes from: a file, or stdin ({@code -}, the default) — never an argument, which would land in the
 * shell history and in every process listing. On a terminal it is asked for without echo.
 */
final class SecretInput {
    private static final int MAX_BYTES = 4096;

    @Option(names = "--auth-token-file", paramLabel = "FILE|-", defaultValue = "-",
            description = "read the Auth Token from this file, or from stdin with - (default); surrounding whitespace is dropped")
    String file;

    String read(CommandSpec spec, String what) {
        String value;
        if (!"-".equals(file)) {
            try {
                value = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + what + " from " + file + ": " + e);
            }
        } else {
            SwitchboardCli root = (SwitchboardCli) spec.root().userObject();
            Console console = System.console();
            if (root.stdin() == System.in && console != null) {
                char[] typed = console.readPassword("%s: ", what);
                value = typed == null ? "" : new String(typed);
            } else {
                value = readAll(spec, root.stdin(), what);
            }
        }
        String secret = value.strip();
        if (secret.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no " + what + " given: pipe it on stdin or use "
                    + "--auth-token-file FILE");
        }
        return secret;
    }

    private static String readAll(CommandSpec spec, InputStream in, String what) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[512];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > MAX_BYTES) {
                    throw new ParameterException(spec.commandLine(), what + " on stdin is longer than " + MAX_BYTES
                            + " bytes: is it the right input?");
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + what + " from stdin: " + e);
        }
    }
}
