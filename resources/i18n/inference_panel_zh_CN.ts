<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../panel/ui/main_window.py" line="148"/>
        <location filename="../../panel/ui/tray.py" line="43"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="148"/>
        <source>Start the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="104"/>
        <source>The server that answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="108"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="110"/>
        <location filename="../../panel/ui/transcribe_tab.py" line="120"/>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="111"/>
        <location filename="../../panel/ui/transcribe_tab.py" line="121"/>
        <source>Copy the last request as a curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="113"/>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="114"/>
        <source>Save the conversation as Markdown or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="117"/>
        <location filename="../../panel/ui/transcribe_tab.py" line="125"/>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="127"/>
        <source>Drop images or image links here, or paste one with Ctrl+V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="131"/>
        <source>Add image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="137"/>
        <source>Put a ready-made prompt in the editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="140"/>
        <source>Save as preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="141"/>
        <source>Keep the prompt in the editor as a preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="144"/>
        <source>Remove preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="147"/>
        <source>Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="157"/>
        <source>Optional instructions sent before the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="169"/>
        <source>System prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="170"/>
        <source>Temperature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="171"/>
        <source>Max tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="174"/>
        <source>Presets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="184"/>
        <source>Ask something (Enter sends, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="190"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="193"/>
        <location filename="../../panel/ui/main_window.py" line="149"/>
        <location filename="../../panel/ui/tray.py" line="45"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="149"/>
        <source>Stop the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="150"/>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="151"/>
        <source>New profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="152"/>
        <source>Edit profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="153"/>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="155"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="157"/>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="158"/>
        <source>Copy command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="159"/>
        <source>Show log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="160"/>
        <source>Show vision chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="161"/>
        <source>Show transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="162"/>
        <source>Show GPU memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="163"/>
        <source>Show models on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="164"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="168"/>
        <location filename="../../panel/ui/main_window.py" line="196"/>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="223"/>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="225"/>
        <source>Vision chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="227"/>
        <source>Transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="228"/>
        <source>GPU memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="232"/>
        <source>Models on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="156"/>
        <source>attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="158"/>
        <source>attached · ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="162"/>
        <source>loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="165"/>
        <source>model missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="166"/>
        <source>no binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="167"/>
        <source>no runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="169"/>
        <source>check profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="171"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="172"/>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="173"/>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="174"/>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="175"/>
        <source>crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="112"/>
        <source>The server that transcribes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="117"/>
        <source>The microphone to record from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="129"/>
        <source>Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="170"/>
        <source>Transcripts appear here, newest first. Drop an audio file to transcribe it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="277"/>
        <source>Toggle mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="278"/>
        <source>Click once to start and once to stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="282"/>
        <source>The key that records while held (when the tab has focus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="286"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="288"/>
        <source>Recording stops and is sent after this long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="292"/>
        <source>Translate to English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="294"/>
        <source>Prompt: names, spelling, style (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="297"/>
        <source>The response format asked of the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="305"/>
        <source>Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="307"/>
        <source>Max length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="314"/>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="317"/>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/tray.py" line="33"/>
        <source>Show Inference Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/tray.py" line="48"/>
        <source>Quit (stops all servers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/tray.py" line="50"/>
        <source>Inference Panel: {0} running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../panel/ui/chat_widgets.py" line="403"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="266"/>
        <source>No chat server is ready: start one in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="269"/>
        <source>No chat server is ready: start one in the list, then ask it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="274"/>
        <source>Ask {name} something; drop images below if it reads them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="280"/>
        <source>vision profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="285"/>
        <source>the profile&apos;s role is chat; make it a vision profile for a multimodal model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="291"/>
        <source>Checking whether {name} accepts images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="321"/>
        <source>✓ Accepts images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="323"/>
        <source>✗ Text only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="326"/>
        <source>Unknown whether it accepts images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="352"/>
        <source>The clipboard image is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="354"/>
        <source>Pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="359"/>
        <source>Add images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="361"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="389"/>
        <source>Could not add {name}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="422"/>
        <source>Wait a moment: the images are still being prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="428"/>
        <source>{name} does not accept images: {reason}. The images would be refused or ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="429"/>
        <source>no vision support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="431"/>
        <source>Send anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="521"/>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="644"/>
        <source>Copied a curl command for the last request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="656"/>
        <source>Save conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="658"/>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="670"/>
        <source>Replace file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="671"/>
        <source>{name} exists. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_tab.py" line="680"/>
        <source>Could not save {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../panel/ui/chat_conversation.py" line="98"/>
        <location filename="../../panel/ui/chat_conversation.py" line="198"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_conversation.py" line="114"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_conversation.py" line="122"/>
        <source>Thinking… ({n} words)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_conversation.py" line="145"/>
        <source>first token {s:.2f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_conversation.py" line="147"/>
        <source>{r:.1f} tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_conversation.py" line="150"/>
        <source>{i} tokens in, {o} out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnvEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="497"/>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="497"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="506"/>
        <source>Add variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="507"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="194"/>
        <source>Flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="194"/>
        <location filename="../../panel/ui/profile_editor.py" line="230"/>
        <location filename="../../panel/ui/profile_editor.py" line="482"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="194"/>
        <source>Hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="209"/>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="210"/>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="211"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="218"/>
        <source>Flag, e.g. --ctx-size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="238"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="421"/>
        <source>{flag} has its own field on the General tab; set it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="435"/>
        <source>Not a flag the panel knows for this engine; it is passed on as typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="441"/>
        <source>Custom command: each row is one or two words of the command line; {host}, {port} and {model} are filled in from the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="448"/>
        <source>Type a flag: the engine&apos;s known flags are offered as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="467"/>
        <source>(also {names})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="479"/>
        <source>(no value)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GpuCard</name>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="429"/>
        <source>GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="434"/>
        <source>busy %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="450"/>
        <source>capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="498"/>
        <source>used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="499"/>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="541"/>
        <source>GPU {0} · {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="545"/>
        <source>not readable: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="550"/>
        <source>{0} / {1} GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="553"/>
        <source>unified memory (system RAM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="555"/>
        <source>utilisation unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="557"/>
        <source>{0} % busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="603"/>
        <source>capacity {0} GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="635"/>
        <source>other processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="648"/>
        <source>usage unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="650"/>
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
        <location filename="../../panel/ui/gpu_panel.py" line="706"/>
        <source>GPU memory and utilisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="714"/>
        <source>1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="714"/>
        <source>10 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="714"/>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="720"/>
        <source>Show the last {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="727"/>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="730"/>
        <source>Reading GPU status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu_panel.py" line="962"/>
        <source>No GPU data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeftoverDialog</name>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="235"/>
        <source>Containers still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="247"/>
        <source>These servers were started in containers by an earlier session of the panel (or another one) and are still running, holding their GPU memory. Adopt one to watch and stop it from here, or stop it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="257"/>
        <source>Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="258"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="259"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="260"/>
        <source>Started by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="261"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="279"/>
        <source>Adopt all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="282"/>
        <source>Stop all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="285"/>
        <location filename="../../panel/ui/container_dialogs.py" line="366"/>
        <source>Leave running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="303"/>
        <source>(unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="305"/>
        <source>{name} (no such profile now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="311"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="320"/>
        <source>Adopt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="322"/>
        <source>Follow its log and stop it from the panel, as if started here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="324"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="336"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="338"/>
        <source>panel pid {pid} (still running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="339"/>
        <source>panel pid {pid}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="366"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="375"/>
        <source>cannot adopt: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="378"/>
        <source>adopted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="388"/>
        <source>stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="415"/>
        <source>could not stop: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="418"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="342"/>
        <source>Input level</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../../panel/ui/log_view.py" line="309"/>
        <source>Search the log (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="316"/>
        <source>Previous match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="319"/>
        <source>Next match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="324"/>
        <source>All lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="325"/>
        <source>Warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="326"/>
        <source>Errors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="327"/>
        <source>Show only some lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="330"/>
        <location filename="../../panel/ui/log_view.py" line="645"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="330"/>
        <source>Stop showing new lines; they are kept for later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="334"/>
        <source>Resume and show them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="337"/>
        <source>Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="337"/>
        <source>Wrap long lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="341"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="341"/>
        <source>Copy the selection, or every line shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="344"/>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="344"/>
        <source>Save the whole log (unfiltered) to a UTF-8 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="347"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="347"/>
        <source>Clear this view (the server keeps running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="398"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="449"/>
        <source>Find in log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="452"/>
        <source>Next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="455"/>
        <source>Previous match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="534"/>
        <source>… 1 line skipped: it arrived faster than it could be shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="536"/>
        <source>… {n} lines skipped: they arrived faster than they can be shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="645"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="650"/>
        <source>1 new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="650"/>
        <source>{n} new lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="701"/>
        <source>Save log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="703"/>
        <source>Log files (*.log);;Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="712"/>
        <source>Could not save the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="713"/>
        <source>Could not write {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="848"/>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="851"/>
        <source>1 match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="851"/>
        <source>{n} matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log_view.py" line="855"/>
        <source>{current} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../panel/ui/main_window.py" line="109"/>
        <source>Inference Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="295"/>
        <source>Attached: the server&apos;s log is wherever it was started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="297"/>
        <source>Not started yet. Start it with F5; its log appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="315"/>
        <source>It may not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="315"/>
        <source>Start anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="334"/>
        <source>Asking {0} about {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="358"/>
        <source>Could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="370"/>
        <source>Pull the image?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="371"/>
        <source>The image {0} is not on this machine. Pull it now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="372"/>
        <source>Pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="406"/>
        <source>Cannot start {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="407"/>
        <source>{0} cannot start yet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="413"/>
        <source>Use port {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="460"/>
        <source>Edit {0} (applies at the next start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="496"/>
        <source>Server running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="497"/>
        <source>Stop {0} before deleting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="501"/>
        <source>Delete profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="502"/>
        <source>Delete the profile {0}? The model files stay on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="503"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="590"/>
        <source>loading {0} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="681"/>
        <source>No server selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="682"/>
        <source>Create a profile with New profile… (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="691"/>
        <source>ready after {0:.1f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="694"/>
        <source>container {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="700"/>
        <source>Crashed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="722"/>
        <source>{0} running, {1} ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="724"/>
        <source>No servers running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="728"/>
        <source>GPU memory held by panel servers: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="732"/>
        <source>Config: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="751"/>
        <source>Keep running in the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="765"/>
        <source>Configuration problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="767"/>
        <source>{0}

The panel starts with what it could read. Your file was not changed; saving will ask before replacing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="827"/>
        <source>on port {0} (the profile says {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="873"/>
        <source>Stopping {0} servers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="891"/>
        <source>{0} server(s) running: {1}.
Stop them and quit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="745"/>
        <source>Quit Inference Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/main_window.py" line="747"/>
        <source>Stop and quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsView</name>
    <message>
        <location filename="../../panel/ui/models_view.py" line="286"/>
        <source>fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="286"/>
        <source>tight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="287"/>
        <source>will not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="322"/>
        <source>Filter models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="325"/>
        <source>Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="333"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="333"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="333"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="333"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="334"/>
        <source>Quantisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="334"/>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="334"/>
        <source>Fits?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="334"/>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="339"/>
        <source>Estimated memory at the model&apos;s context, up to {ctx} tokens, against the first GPU&apos;s free memory (or the system&apos;s RAM without a GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="380"/>
        <source>New profile from this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="408"/>
        <source>{n} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="421"/>
        <source>Cannot be used: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="429"/>
        <source>Projector: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="432"/>
        <source>GGUF + projector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="434"/>
        <source>GGUF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="434"/>
        <source>llama.cpp model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="436"/>
        <source>whisper.cpp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="436"/>
        <source>whisper.cpp model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="437"/>
        <source>Hugging Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="437"/>
        <source>Hugging Face model for vLLM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="492"/>
        <source>GPU {index} ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="495"/>
        <source>System memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="495"/>
        <source>system memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="499"/>
        <source>Folders: {list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="500"/>
        <source>(not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="508"/>
        <source>Scanning {folders}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="510"/>
        <source>No folders to scan. Set [discovery] folders in the config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="512"/>
        <source>No models found in {folders}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="514"/>
        <source>Put GGUF or ggml files in /models or ~/models, or set [discovery] folders in the config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="519"/>
        <source>Scanning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="521"/>
        <source>{n} models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="521"/>
        <source>1 model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="523"/>
        <source>{shown} of {total} models shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models_view.py" line="524"/>
        <source>fit estimated against {device}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="687"/>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="689"/>
        <source>Edit profile — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="784"/>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="788"/>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="789"/>
        <source>Environment &amp;&amp; lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="794"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="795"/>
        <source>Copy the command line (the API key stays masked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="799"/>
        <source>&amp;Command line:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="836"/>
        <source>e.g. qwen3-coder (llama.cpp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="839"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="845"/>
        <source>llama.cpp (llama-server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="846"/>
        <source>whisper.cpp (whisper-server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="847"/>
        <source>vLLM (vllm serve)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="848"/>
        <source>Custom command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="854"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="855"/>
        <source>Vision (images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="856"/>
        <source>Transcription (speech to text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="859"/>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="868"/>
        <source>&amp;Engine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="872"/>
        <source>&amp;Attach to a server started elsewhere:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="886"/>
        <location filename="../../panel/ui/profile_editor.py" line="903"/>
        <location filename="../../panel/ui/profile_editor.py" line="949"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="890"/>
        <location filename="../../panel/ui/profile_editor.py" line="1276"/>
        <source>E&amp;xecutable:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="914"/>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="925"/>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="932"/>
        <source>Next free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="934"/>
        <source>Pick the first free port from this one up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="939"/>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="945"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="945"/>
        <source>Environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="945"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="954"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="961"/>
        <source>Health &amp;path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="991"/>
        <source>&amp;Environment variables added for the server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1005"/>
        <source>How long the model may take to load before the start counts as failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1007"/>
        <source>&amp;Ready timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1012"/>
        <source>Time between asking the server to stop (SIGTERM) and killing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1014"/>
        <source>&amp;Stop grace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1017"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1020"/>
        <source>Restart &amp;automatically after a crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1278"/>
        <source>The program to run, e.g. /opt/server/bin/serve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1237"/>
        <source>A .gguf file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="790"/>
        <source>Co&amp;ntainer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1040"/>
        <source>Run in a &amp;container (docker / podman)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1044"/>
        <source>The server runs inside a container image (docker run); the profile&apos;s environment variables go into the container.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1058"/>
        <source>Automatic (docker, else podman)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1064"/>
        <source>R&amp;untime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1069"/>
        <source>&amp;Image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1075"/>
        <source>--runtime=nvidia (as NVIDIA documents it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1076"/>
        <source>--gpus all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1077"/>
        <source>Selected GPUs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1078"/>
        <source>No GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1083"/>
        <source>GPU ids, e.g. 0,1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1087"/>
        <source>&amp;GPU access:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1091"/>
        <source>Share the host&apos;s IPC namespace (--ipc=host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1095"/>
        <source>PyTorch workers share tensors through /dev/shm; vLLM needs this or a big --shm-size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1103"/>
        <source>Host network (--net=host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1105"/>
        <source>Publish the port (-p host:port:port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1107"/>
        <source>Net&amp;work:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1113"/>
        <source>One per line: HOST_PATH:CONTAINER_PATH[:ro]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1118"/>
        <source>Folders the container sees (docker run -v), one per line. Model paths under a mount are translated to the container&apos;s path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1124"/>
        <source>&amp;Mounts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1130"/>
        <source>Replaces the image&apos;s entrypoint and the engine&apos;s program name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1132"/>
        <source>&amp;Entrypoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1137"/>
        <source>e.g. --shm-size 16g --ulimit memlock=-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1140"/>
        <source>More docker run &amp;options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1238"/>
        <source>A whisper.cpp ggml-*.bin file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1239"/>
        <source>A model folder or a Hugging Face id (Org/Name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1240"/>
        <source>Optional: fills {model} in the flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1252"/>
        <source>The image to run, e.g. registry.example.com/server:1.0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1260"/>
        <source>The image&apos;s own entrypoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1263"/>
        <source>E&amp;xecutable (in the image):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1265"/>
        <source>Not used: the entrypoint {entrypoint} starts the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1268"/>
        <source>{binary}, inside the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1270"/>
        <source>the program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1273"/>
        <source>The server program inside the container image, not on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1332"/>
        <source>Name of the variable that holds the key, e.g. MY_LLM_KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1335"/>
        <source>File that holds the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1338"/>
        <source>No key: anyone who can connect may use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1349"/>
        <source>Cannot look for a free port on {host}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1371"/>
        <source>Choose the server program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1379"/>
        <source>Choose the model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1382"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1383"/>
        <source>whisper.cpp models (*.bin);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1384"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1386"/>
        <source>Choose the model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1393"/>
        <source>Choose the API key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1403"/>
        <source>Looking for models in {folders}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1429"/>
        <source>Problem: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1440"/>
        <source>Models for this engine found on this machine: {count} (open the list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1445"/>
        <source>No models for this engine found in {folders}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1501"/>
        <source>Give the profile a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1503"/>
        <source>Another profile is already named “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1512"/>
        <source>Enter the server&apos;s address, e.g. http://192.168.1.20:8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1524"/>
        <source>Fix before saving: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1531"/>
        <source>Not started by the panel: it only talks to {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1548"/>
        <source>Runs inside the image, started by {runtime}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1554"/>
        <source>Found at {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1557"/>
        <source>Choose the program that runs this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1561"/>
        <source>{exe} does not exist or is not executable — {hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1563"/>
        <source>{exe} not found on PATH — {hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1581"/>
        <source>List the GPUs by number, e.g. 0 or 0,1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1586"/>
        <source>{problem}. Write one mount per line as HOST_PATH:CONTAINER_PATH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1596"/>
        <source>The options cannot be split into words: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1600"/>
        <source>The panel runs the container in the foreground without a terminal: -d, -i and -t would break its log and stop handling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1605"/>
        <source>Enter the image to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1620"/>
        <source>This model has a problem: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1624"/>
        <source>Its projector {name} is in the same folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1627"/>
        <source>add --mmproj for image input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1635"/>
        <source>Enter the address to listen on (127.0.0.1 keeps it on this machine).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1640"/>
        <source>{host} listens on every network interface: the server is reachable from other machines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1645"/>
        <source>The port must be between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1651"/>
        <source>Profile “{name}” uses port {port} too: the two cannot run at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1658"/>
        <source>{host} is not an address of this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1663"/>
        <source>Port {port} is in use right now (by another program, or by this profile&apos;s running server). “Next free” finds another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1668"/>
        <source>Ports below 1024 need administrator rights on most systems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1677"/>
        <source>One flag per row: put the value of “{flag}” in the Value column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1689"/>
        <source>{flags} usually takes a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1694"/>
        <source>{flag} is given more than once; the engine uses the last one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1707"/>
        <source>“{name}” is not a variable name: use letters, digits and _, and do not start with a digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1712"/>
        <source>{name} is set twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1716"/>
        <source>{name} holds the API key: use the API key field on the General tab, so the key stays out of the config file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1726"/>
        <source>Enter the name of the variable that holds the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1729"/>
        <source>Choose the file that holds the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1735"/>
        <source>This engine does not check keys; the panel only sends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor.py" line="1738"/>
        <source>Anyone on the network can use this server: consider an API key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PullDialog</name>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="67"/>
        <source>Pull {image}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="79"/>
        <source>Downloading the image {image}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="85"/>
        <location filename="../../panel/ui/container_dialogs.py" line="172"/>
        <source>Contacting the registry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="141"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="165"/>
        <source>{done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="169"/>
        <source>layer {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="179"/>
        <source>Pulled {image}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="183"/>
        <source>Pull cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/container_dialogs.py" line="189"/>
        <source>The pull failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultCard</name>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="436"/>
        <source>▶ Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="436"/>
        <source>Play the recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="438"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="438"/>
        <source>Copy the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="440"/>
        <source>Retry on…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="440"/>
        <source>Send it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="447"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="447"/>
        <source>Save as text or subtitles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="456"/>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="458"/>
        <source>Open WAV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="461"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="509"/>
        <source>audio {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="513"/>
        <source>round trip {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="516"/>
        <source>RTF {rtf:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="522"/>
        <source>Transcribing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="528"/>
        <source>(no speech recognised)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerListModel</name>
    <message>
        <location filename="../../panel/ui/server_list.py" line="183"/>
        <source>{engine} in a container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="194"/>
        <source>Container image: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="196"/>
        <source>Running as container {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/server_list.py" line="200"/>
        <source>Crashed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../panel/ui/chat_widgets.py" line="264"/>
        <source>Preparing
{name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat_widgets.py" line="302"/>
        <source>Remove this image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscribeTab</name>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="222"/>
        <source>Looking for microphones…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="232"/>
        <source>No audio support: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="258"/>
        <source>● Release to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="259"/>
        <source>■ Click to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="261"/>
        <source>● Click to record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="263"/>
        <source>● Hold to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="265"/>
        <source>No transcription server is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="271"/>
        <source>Or hold {key} while this tab has focus. Drop audio files here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="363"/>
        <source>Hold the button while you speak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="367"/>
        <source>Nothing was heard: check the microphone and its input level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="370"/>
        <source>microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="404"/>
        <source>Start a transcription server first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="419"/>
        <source>Could not read {name}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="440"/>
        <source>Could not save the recording: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="445"/>
        <source>No transcription server was ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="485"/>
        <source>{server}: {message} The recording is kept; retry it below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="505"/>
        <source>Could not read the recording: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="580"/>
        <source>Could not play the recording: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="606"/>
        <source>Could not save {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_tab.py" line="623"/>
        <source>Copied a curl command for the last request.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="211"/>
        <source>Export transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="223"/>
        <source>Replace file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcribe_widgets.py" line="224"/>
        <source>{name} exists. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
