// The resource dashboard: one self-contained HTML page, served at
// GET /_cloudemu/dashboard, that reads /_cloudemu/resources in the browser
// and shows every resource of every service, refreshing itself. The page
// holds no data of its own; everything it shows comes from the listing.
// Thread-safety: stateless.
#ifndef CLOUDEMU_SERVER_DASHBOARD_H_
#define CLOUDEMU_SERVER_DASHBOARD_H_

#include "protocol/http_message.h"

namespace cloudemu::server {

protocol::HttpResponse DashboardPage();

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_DASHBOARD_H_
