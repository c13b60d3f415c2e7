// Placeholder: replaced by the issue that builds DashboardCheck.
