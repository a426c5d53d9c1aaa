package dev.ballast.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortsTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:8080,127.0.0.1,8080", "[::1]:443,::1,443", "[2001:db8::13]:80,2001:db8::13,80",
            "web-1.internal:80,web-1.internal,80", "localhost:1,localhost,1", "0.0.0.0:65535,0.0.0.0,65535"})
    void readsHostAndPort(String text, String host, int port) {
        assertThat(HostPorts.parse(text, false)).isEqualTo(new HostPort(host, port));
    }

    @Test
    void printsIpv6InBrackets() {
        assertThat(HostPorts.parse("[::1]:443", false)).hasToString("[::1]:443");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.1|\"10.0.0.1\" has no port (expected host:port)",
            "::1:80|\"::1:80\": an IPv6 address needs brackets, e.g. [::1]:8080",
            ":80|\":80\" has no host (expected host:port, e.g. 0.0.0.0:80)",
            "[zz::1]:80|\"[zz::1]:80\": [zz::1] is not an IPv6 address",
            "[::1]|\"[::1]\" has no port (expected host:port)",
            "10.0.0.1:0|\"10.0.0.1:0\": port \"0\" is not between 1 and 65535",
            "10.0.0.1:65536|\"10.0.0.1:65536\": port \"65536\" is not between 1 and 65535",
            "bad host:80|\"bad host:80\": \"bad host\" is not an IP address or host name",
            "300.1.1.1:80|\"300.1.1.1:80\": \"300.1.1.1\" is not an IP address or host name"})
    void explainsWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> HostPorts.parse(text, false)).hasMessage(message);
    }

    @Test
    void bindsMayAskForAnyFreePort() {
        assertThat(HostPorts.parse("127.0.0.1:0", true)).isEqualTo(new HostPort("127.0.0.1", 0));
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.100/24,10.0.0.100,24", "10.0.0.1/32,10.0.0.1,32", "fd00::10/64,fd00::10,64"})
    void readsCidrs(String text, String address, int prefix) {
        assertThat(Cidr.parse(text)).isEqualTo(new Cidr(address, prefix));
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.1", "10.0.0.1/33", "fd00::1/129", "host.example/24", "10.0.0.1/x"})
    void refusesWhatIsNotACidr(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(InvalidValueException.class);
    }
}
