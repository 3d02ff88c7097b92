"""The main window: the server list, actions and menus, start/stop, the tray, dialogs."""
