// Who a request comes from (http/client_address): the peer, or behind trusted
// proxies the right-most forwarded hop that is not one of them.
#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace care::server::http {
namespace {

httplib::Request from(const std::string& peer, std::vector<std::string> forwarded = {}) {
  httplib::Request req;
  req.remote_addr = peer;
  for (auto& each : forwarded)
    req.headers.emplace("X-Forwarded-For", each);
  return req;
}

TEST(ClientAddress, WithoutTrustedProxiesThePeerIsTheClientWhateverItForwards) {
  TrustedProxies none;
  EXPECT_EQ(client_address(from("198.51.100.7"), none), "198.51.100.7");
  EXPECT_EQ(client_address(from("198.51.100.7", {"203.0.113.5"}), none), "198.51.100.7");
}

TEST(ClientAddress, AnUntrustedPeersForwardedForIsIgnored) {
  TrustedProxies proxy({"10.0.0.1"});
  EXPECT_EQ(client_address(from("198.51.100.7", {"203.0.113.5"}), proxy), "198.51.100.7");
}

TEST(ClientAddress, BehindATrustedProxyTheRightMostHopIsTheClient) {
  TrustedProxies proxy({"10.0.0.1"});
  EXPECT_EQ(client_address(from("10.0.0.1", {"203.0.113.5"}), proxy), "203.0.113.5");
  // The left part was written by the client: made up, never believed.
  EXPECT_EQ(client_address(from("10.0.0.1", {"1.2.3.4, 203.0.113.5"}), proxy), "203.0.113.5");
  EXPECT_EQ(client_address(from("10.0.0.1", {"1.2.3.4", "203.0.113.5"}), proxy), "203.0.113.5");
}

TEST(ClientAddress, HopsThatAreTrustedProxiesAreSkipped) {
  TrustedProxies proxies({"10.0.0.1", "10.0.0.2"});
  EXPECT_EQ(client_address(from("10.0.0.1", {"1.2.3.4, 203.0.113.5, 10.0.0.2"}), proxies),
            "203.0.113.5");
  // Only proxies of ours: the farthest one is what we know.
  EXPECT_EQ(client_address(from("10.0.0.1", {"10.0.0.2"}), proxies), "10.0.0.2");
  // A proxy that forwarded nothing: the proxy itself.
  EXPECT_EQ(client_address(from("10.0.0.1"), proxies), "10.0.0.1");
}

TEST(ClientAddress, AHopThatIsNotAnAddressIsNotBelieved) {
  TrustedProxies proxy({"10.0.0.1"});
  EXPECT_EQ(client_address(from("10.0.0.1", {"203.0.113.5, evil"}), proxy), "10.0.0.1");
  EXPECT_EQ(client_address(from("10.0.0.1", {""}), proxy), "10.0.0.1");
}

TEST(ClientAddress, OneAddressHasOneSpelling) {
  TrustedProxies proxy({"::ffff:10.0.0.1", "2001:DB8::1"});
  EXPECT_EQ(client_address(from("10.0.0.1", {"2001:db8:0:0::7"}), proxy), "2001:db8::7");
  EXPECT_EQ(client_address(from("2001:db8::1", {" [2001:db8::9] "}), proxy), "2001:db8::9");
  EXPECT_EQ(client_address(from("::ffff:198.51.100.7"), proxy), "198.51.100.7");
}

TEST(ClientAddress, TrustedProxyListsAreAddresses) {
  std::vector<std::string> list;
  EXPECT_TRUE(parse_address_list("10.0.0.1, ::1", list));
  EXPECT_EQ(list, (std::vector<std::string>{"10.0.0.1", "::1"}));
  EXPECT_FALSE(parse_address_list("proxy.example.com", list));
  EXPECT_FALSE(parse_address_list("10.0.0.1,", list));
  EXPECT_FALSE(parse_address_list("", list));
}

}  // namespace
}  // namespace care::server::http
