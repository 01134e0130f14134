// HTTP(S) delivery against a real local endpoint: what is posted, and how
// the endpoint's answer becomes the delivery's status.
#include "server/http_delivery.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>

namespace cloudemu::server {
namespace {

class HttpDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    endpoint_.Post("/hook", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mu_);
      body_ = request.body;
      content_type_ = request.get_header_value("Content-Type");
      message_type_ = request.get_header_value("x-amz-sns-message-type");
      query_ = request.get_param_value("q");
      response.status = 200;
    });
    endpoint_.Post("/broken", [](const httplib::Request&, httplib::Response& response) { response.status = 503; });
    port_ = endpoint_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { endpoint_.listen_after_bind(); });
    // stop() only stops a server that is already running.
    while (!endpoint_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  void TearDown() override {
    endpoint_.stop();
    thread_.join();
  }

  core::Delivery Delivery(const std::string& path) {
    core::Delivery delivery;
    delivery.target = "http://127.0.0.1:" + std::to_string(port_) + path;
    delivery.message = core::Document::Map();
    core::Document& headers = delivery.message.Set("headers", core::Document::Map());
    headers.Set("Content-Type", "text/plain; charset=UTF-8");
    headers.Set("x-amz-sns-message-type", "Notification");
    delivery.message.Set("body", "{\"Type\":\"Notification\"}");
    return delivery;
  }

  httplib::Server endpoint_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::string body_, content_type_, message_type_, query_;
};

TEST_F(HttpDeliveryTest, PostsTheBodyWithItsHeaders) {
  ASSERT_TRUE(DeliverHttp(Delivery("/hook?q=1")).ok());
  std::lock_guard lock(mu_);
  EXPECT_EQ(body_, "{\"Type\":\"Notification\"}");
  EXPECT_EQ(content_type_, "text/plain; charset=UTF-8");
  EXPECT_EQ(message_type_, "Notification");
  EXPECT_EQ(query_, "1");
}

TEST_F(HttpDeliveryTest, ANon2xxAnswerFailsWithItsStatus) {
  Status status = DeliverHttp(Delivery("/broken"));
  EXPECT_EQ(status.code(), "HttpDeliveryFailed");
  EXPECT_EQ(status.http_status(), 503);
  EXPECT_EQ(DeliverHttp(Delivery("/missing")).http_status(), 404);
}

TEST_F(HttpDeliveryTest, AnUnreachableEndpointFails) {
  core::Delivery delivery = Delivery("/hook");
  delivery.target = "http://127.0.0.1:1/hook";
  Status status = DeliverHttp(delivery);
  EXPECT_EQ(status.code(), "HttpDeliveryFailed");
  EXPECT_EQ(status.http_status(), 502);
  delivery.target = "not a url";
  EXPECT_EQ(DeliverHttp(delivery).code(), "HttpDeliveryFailed");
}

}  // namespace
}  // namespace cloudemu::server
