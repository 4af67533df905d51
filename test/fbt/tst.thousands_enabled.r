armed and disarmed

