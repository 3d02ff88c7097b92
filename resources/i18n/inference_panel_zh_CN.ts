<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../panel/ui/main_window.py" line="98"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="98"/>
        <source>Start the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="99"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="99"/>
        <source>Stop the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="100"/>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="101"/>
        <source>New profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="102"/>
        <source>Edit profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="103"/>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="105"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="107"/>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="108"/>
        <source>Copy command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="109"/>
        <source>Show log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="110"/>
        <source>Show GPU memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="111"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="115"/>
        <location filename="../../panel/ui/main_window.py" line="143"/>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="170"/>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="171"/>
        <source>GPU memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="154"/>
        <source>attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="156"/>
        <source>attached · ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="160"/>
        <source>loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="162"/>
        <source>model missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="162"/>
        <source>no binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="163"/>
        <source>check profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="165"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="166"/>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="167"/>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="168"/>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="169"/>
        <source>crashed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnvEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="487"/>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="487"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="496"/>
        <source>Add variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="497"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="184"/>
        <source>Flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="184"/>
        <location filename="../../panel/ui/profile_editor.py" line="220"/>
        <location filename="../../panel/ui/profile_editor.py" line="472"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="184"/>
        <source>Hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="199"/>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="200"/>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="201"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="208"/>
        <source>Flag, e.g. --ctx-size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="228"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="411"/>
        <source>{flag} has its own field on the General tab; set it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="425"/>
        <source>Not a flag the panel knows for this engine; it is passed on as typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="431"/>
        <source>Custom command: each row is one or two words of the command line; {host}, {port} and {model} are filled in from the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="438"/>
        <source>Type a flag: the engine&apos;s known flags are offered as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="457"/>
        <source>(also {names})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="469"/>
        <source>(no value)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GpuCard</name>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="424"/>
        <source>GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="429"/>
        <source>busy %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="445"/>
        <source>capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="493"/>
        <source>used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="494"/>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="536"/>
        <source>GPU {0} · {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="540"/>
        <source>not readable: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="545"/>
        <source>{0} / {1} GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="548"/>
        <source>unified memory (system RAM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="550"/>
        <source>utilisation unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="552"/>
        <source>{0} % busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="598"/>
        <source>capacity {0} GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="630"/>
        <source>other processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="643"/>
        <source>usage unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="645"/>
        <source>{0} GiB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GpuPanel</name>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="106"/>
        <source>No NVIDIA GPU detected (NVML: library not found)</source>
        <extracomment>Time windows the selector offers, in seconds. The most points one series is drawn with, whatever the window. Series key of the area for memory no server accounts for (other programs, the driver).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="107"/>
        <source>No NVIDIA GPU detected (NVML: driver not loaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="108"/>
        <source>No NVIDIA GPU detected (NVML: no devices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="109"/>
        <source>No NVIDIA GPU detected (NVML: nvidia-ml-py is not installed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="110"/>
        <source>NVIDIA GPU not accessible (NVML: insufficient permissions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="701"/>
        <source>GPU memory and utilisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="709"/>
        <source>1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="709"/>
        <source>10 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="709"/>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="715"/>
        <source>Show the last {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="722"/>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="725"/>
        <source>Reading GPU status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="951"/>
        <source>No GPU data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../../panel/ui/log_view.py" line="301"/>
        <source>Search the log (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="308"/>
        <source>Previous match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="311"/>
        <source>Next match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="316"/>
        <source>All lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="317"/>
        <source>Warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="318"/>
        <source>Errors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="319"/>
        <source>Show only some lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="322"/>
        <location filename="../../panel/ui/log_view.py" line="636"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="322"/>
        <source>Stop showing new lines; they are kept for later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="326"/>
        <source>Resume and show them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="329"/>
        <source>Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="329"/>
        <source>Wrap long lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="333"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="333"/>
        <source>Copy the selection, or every line shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="336"/>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="336"/>
        <source>Save the whole log (unfiltered) to a UTF-8 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="339"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="339"/>
        <source>Clear this view (the server keeps running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="390"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="440"/>
        <source>Find in log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="443"/>
        <source>Next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="446"/>
        <source>Previous match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="525"/>
        <source>… 1 line skipped: it arrived faster than it could be shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="527"/>
        <source>… {n} lines skipped: they arrived faster than they can be shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="636"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="641"/>
        <source>1 new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="641"/>
        <source>{n} new lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="692"/>
        <source>Save log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="694"/>
        <source>Log files (*.log);;Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="703"/>
        <source>Could not save the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="704"/>
        <source>Could not write {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="831"/>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="834"/>
        <source>1 match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="834"/>
        <source>{n} matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="838"/>
        <source>{current} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../panel/ui/main_window.py" line="59"/>
        <source>Inference Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="245"/>
        <source>It may not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="245"/>
        <source>Start anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="253"/>
        <source>Could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="272"/>
        <source>Cannot start {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="273"/>
        <source>{0} cannot start yet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="279"/>
        <source>Use port {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="319"/>
        <source>Edit {0} (applies at the next start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="355"/>
        <source>Server running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="356"/>
        <source>Stop {0} before deleting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="360"/>
        <source>Delete profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="361"/>
        <source>Delete the profile {0}? The model files stay on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="362"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="446"/>
        <source>loading {0} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="503"/>
        <source>No server selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="504"/>
        <source>Create a profile with New profile… (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="513"/>
        <source>ready after {0:.1f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="520"/>
        <source>Crashed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="542"/>
        <source>{0} running, {1} ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="544"/>
        <source>No servers running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="548"/>
        <source>GPU memory held by panel servers: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="552"/>
        <source>Config: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="565"/>
        <source>Configuration problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="567"/>
        <source>{0}

The panel starts with what it could read. Your file was not changed; saving will ask before replacing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="600"/>
        <source>Stopping {0} servers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="618"/>
        <source>{0} server(s) running: {1}.
Stop them and quit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="621"/>
        <source>Quit Inference Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="621"/>
        <source>Stop and quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="677"/>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="679"/>
        <source>Edit profile — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="744"/>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="748"/>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="749"/>
        <source>Environment &amp;&amp; lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="753"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="754"/>
        <source>Copy the command line (the API key stays masked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="758"/>
        <source>&amp;Command line:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="795"/>
        <source>e.g. qwen3-coder (llama.cpp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="798"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="804"/>
        <source>llama.cpp (llama-server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="805"/>
        <source>whisper.cpp (whisper-server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="806"/>
        <source>vLLM (vllm serve)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="807"/>
        <source>Custom command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="813"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="814"/>
        <source>Vision (images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="815"/>
        <source>Transcription (speech to text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="818"/>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="827"/>
        <source>&amp;Engine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="831"/>
        <source>&amp;Attach to a server started elsewhere:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="845"/>
        <location filename="../../panel/ui/profile_editor.py" line="862"/>
        <location filename="../../panel/ui/profile_editor.py" line="908"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="849"/>
        <source>E&amp;xecutable:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="873"/>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="884"/>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="891"/>
        <source>Next free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="893"/>
        <source>Pick the first free port from this one up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="898"/>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="904"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="904"/>
        <source>Environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="904"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="913"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="920"/>
        <source>Health &amp;path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="950"/>
        <source>&amp;Environment variables added for the server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="964"/>
        <source>How long the model may take to load before the start counts as failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="966"/>
        <source>&amp;Ready timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="971"/>
        <source>Time between asking the server to stop (SIGTERM) and killing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="973"/>
        <source>&amp;Stop grace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="976"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="979"/>
        <source>Restart &amp;automatically after a crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1050"/>
        <source>The program to run, e.g. /opt/server/bin/serve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1057"/>
        <source>A .gguf file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1058"/>
        <source>A whisper.cpp ggml-*.bin file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1059"/>
        <source>A model folder or a Hugging Face id (Org/Name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1060"/>
        <source>Optional: fills {model} in the flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1096"/>
        <source>Name of the variable that holds the key, e.g. MY_LLM_KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1099"/>
        <source>File that holds the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1102"/>
        <source>No key: anyone who can connect may use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1113"/>
        <source>Cannot look for a free port on {host}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1135"/>
        <source>Choose the server program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1143"/>
        <source>Choose the model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1146"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1147"/>
        <source>whisper.cpp models (*.bin);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1148"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1150"/>
        <source>Choose the model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1157"/>
        <source>Choose the API key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1167"/>
        <source>Looking for models in {folders}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1193"/>
        <source>Problem: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1204"/>
        <source>Models for this engine found on this machine: {count} (open the list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1209"/>
        <source>No models for this engine found in {folders}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1256"/>
        <source>Give the profile a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1258"/>
        <source>Another profile is already named “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1264"/>
        <source>Enter the server&apos;s address, e.g. http://192.168.1.20:8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1275"/>
        <source>Fix before saving: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1282"/>
        <source>Not started by the panel: it only talks to {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1298"/>
        <source>Found at {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1301"/>
        <source>Choose the program that runs this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1305"/>
        <source>{exe} does not exist or is not executable — {hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1307"/>
        <source>{exe} not found on PATH — {hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1325"/>
        <source>This model has a problem: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1329"/>
        <source>Its projector {name} is in the same folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1332"/>
        <source>add --mmproj for image input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1340"/>
        <source>Enter the address to listen on (127.0.0.1 keeps it on this machine).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1345"/>
        <source>{host} listens on every network interface: the server is reachable from other machines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1350"/>
        <source>The port must be between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1356"/>
        <source>Profile “{name}” uses port {port} too: the two cannot run at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1363"/>
        <source>{host} is not an address of this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1368"/>
        <source>Port {port} is in use right now (by another program, or by this profile&apos;s running server). “Next free” finds another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1373"/>
        <source>Ports below 1024 need administrator rights on most systems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1382"/>
        <source>One flag per row: put the value of “{flag}” in the Value column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1394"/>
        <source>{flags} usually takes a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1399"/>
        <source>{flag} is given more than once; the engine uses the last one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1412"/>
        <source>“{name}” is not a variable name: use letters, digits and _, and do not start with a digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1417"/>
        <source>{name} is set twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1421"/>
        <source>{name} holds the API key: use the API key field on the General tab, so the key stays out of the config file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1431"/>
        <source>Enter the name of the variable that holds the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1434"/>
        <source>Choose the file that holds the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1440"/>
        <source>This engine does not check keys; the panel only sends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1443"/>
        <source>Anyone on the network can use this server: consider an API key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerListModel</name>
    <message>
        <location filename="../../panel/ui/server_list.py" line="188"/>
        <source>Crashed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
