package dev.ballast.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedSecretTest {

    @TempDir
    Path dir;

    @Test
    void sameSecretGivesSameKeysAndTheTwoKeysDiffer() throws IOException {
        SharedSecret one = SharedSecret.fromFile(write("a", "a shared secret of enough length\n"));
        SharedSecret two = SharedSecret.fromFile(write("b", "  a shared secret of enough length  "));
        SharedSecret other = SharedSecret.fromFile(write("c", "another shared secret, long enough"));
        assertThat(one.encryptionKey().getEncoded()).isEqualTo(two.encryptionKey().getEncoded()).hasSize(32);
        assertThat(one.encryptionKey().getEncoded()).isNotEqualTo(one.authenticationKey().getEncoded());
        assertThat(one.encryptionKey().getEncoded()).isNotEqualTo(other.encryptionKey().getEncoded());
    }

    @Test
    void shortOrMissingSecretIsRefusedWithAHint() throws IOException {
        Path shortSecret = write("short", "tiny");
        assertThatThrownBy(() -> SharedSecret.fromFile(shortSecret))
                .hasMessageContaining("is 4 bytes; at least 16 are required");
        assertThatThrownBy(() -> SharedSecret.fromFile(dir.resolve("absent")))
                .hasMessageContaining("does not exist or is not readable");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
