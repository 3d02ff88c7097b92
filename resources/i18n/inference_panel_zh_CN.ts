<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AudioFileInput</name>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="44"/>
        <source>Open audio files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="47"/>
        <source>Paste audio files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="82"/>
        <source>Transcribe audio files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="84"/>
        <source>Audio ({patterns});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="113"/>
        <source>The clipboard holds no file to transcribe: copy an audio file in the file manager, or its full path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="121"/>
        <source>Not an audio file (WAV, MP3, FLAC, OGG or Opus): {names}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../panel/ui/banner.py" line="56"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatOptions</name>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="44"/>
        <source>Put a ready-made prompt in the editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="47"/>
        <source>Save as preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="48"/>
        <source>Keep the prompt in the editor as a preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="51"/>
        <source>Remove preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="54"/>
        <source>Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="65"/>
        <source>Optional instructions sent before the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="77"/>
        <source>System prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="78"/>
        <source>Temperature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="79"/>
        <source>Max tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="83"/>
        <source>Presets:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="151"/>
        <source>No chat server is ready: start one in the list, then ask it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="155"/>
        <source>Ask {name} something; drop images below if it reads them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="231"/>
        <source>The clipboard image is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="233"/>
        <source>Pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="238"/>
        <source>Add images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="240"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="78"/>
        <location filename="../../panel/ui/chat/tab.py" line="181"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="80"/>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="81"/>
        <source>Copy the last request as a curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="83"/>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="84"/>
        <source>Save the conversation as Markdown or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="183"/>
        <location filename="../../panel/ui/chat/tab.py" line="295"/>
        <source>Remove the images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="196"/>
        <source>{name} reads text only, and this conversation has images. Start a new chat, or remove the images and go on with the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="211"/>
        <source>Removed {n} image(s); the conversation goes on as text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="281"/>
        <source>Wait a moment: the images are still being prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="290"/>
        <source>{name} does not accept images: {reason}. The images would be refused or ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="291"/>
        <source>no vision support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="294"/>
        <source>Send anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="385"/>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="465"/>
        <source>Could not write the request file: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="471"/>
        <source>Copied a curl command for the last request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="488"/>
        <source>Could not save {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="352"/>
        <source>Save conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="354"/>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="366"/>
        <source>Replace file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="367"/>
        <source>{name} exists. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="91"/>
        <source>Ask something (Enter sends, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="94"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="96"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContainerPage</name>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="38"/>
        <source>Run in a &amp;container (docker / podman)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="42"/>
        <source>The server runs inside a container image (docker run); the profile&apos;s environment variables go into the container.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="56"/>
        <source>Automatic (docker, else podman)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="62"/>
        <source>R&amp;untime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="67"/>
        <source>&amp;Image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="73"/>
        <source>--runtime=nvidia (as NVIDIA documents it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="74"/>
        <source>--gpus all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="75"/>
        <source>Selected GPUs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="76"/>
        <source>No GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="81"/>
        <source>GPU ids, e.g. 0,1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="85"/>
        <source>&amp;GPU access:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="89"/>
        <source>Share the host&apos;s IPC namespace (--ipc=host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="93"/>
        <source>PyTorch workers share tensors through /dev/shm; vLLM needs this or a big --shm-size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="101"/>
        <source>Host network (--net=host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="103"/>
        <source>Publish the port (-p host:port:port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="105"/>
        <source>Net&amp;work:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="111"/>
        <source>One per line: HOST_PATH:CONTAINER_PATH[:ro]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="116"/>
        <source>Folders the container sees (docker run -v), one per line. Model paths under a mount are translated to the container&apos;s path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="122"/>
        <source>&amp;Mounts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="128"/>
        <source>Replaces the image&apos;s entrypoint and the engine&apos;s program name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="130"/>
        <source>&amp;Entrypoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="135"/>
        <source>e.g. --shm-size 16g --ulimit memlock=-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="138"/>
        <source>More docker run &amp;options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="215"/>
        <source>The image to run, e.g. registry.example.com/server:1.0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="218"/>
        <source>The image&apos;s own entrypoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="182"/>
        <location filename="../../panel/ui/chat/conversation.py" line="332"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="199"/>
        <source>({n} image(s) removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="201"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="230"/>
        <source>Thinking… ({n} words)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="279"/>
        <source>first token {s:.2f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="281"/>
        <source>{r:.1f} tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="284"/>
        <source>{i} tokens in, {o} out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashBanner</name>
    <message>
        <location filename="../../panel/ui/log/banner.py" line="38"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="81"/>
        <source>Check this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="82"/>
        <source>Checking the GPU, engines, containers and profiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="104"/>
        <source>The same report as `inference-panel doctor`:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="107"/>
        <source>The checks failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnvEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="42"/>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="42"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="51"/>
        <source>Add variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="52"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnvironmentPage</name>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="125"/>
        <source>&amp;Environment variables added for the server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="139"/>
        <source>How long the model may take to load before the start counts as failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="141"/>
        <source>&amp;Ready timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="146"/>
        <source>Time between asking the server to stop (SIGTERM) and killing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="148"/>
        <source>&amp;Stop grace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="151"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="154"/>
        <source>Restart &amp;automatically after a crash</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="34"/>
        <source>What to do first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="47"/>
        <source>&lt;b&gt;Try the demo&lt;/b&gt;: real servers with small models, on the CPU. In a terminal, run &lt;nobr&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/nobr&gt; (about {1} minutes, once); the three demo profiles then appear in the list, ready to start with F5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="52"/>
        <source>Copy the command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="58"/>
        <source>&lt;b&gt;Use a model you have&lt;/b&gt;: Models on disk lists the GGUF, whisper.cpp and Hugging Face models found here; “New profile from this model” fills in the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="63"/>
        <source>Show models on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="69"/>
        <source>&lt;b&gt;Attach to a running server&lt;/b&gt;: one started by hand or on another machine; the panel watches it and chats with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="73"/>
        <source>Attach to a server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="104"/>
        <source>None of the {0} profiles can start on this machine yet (the list says why).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="107"/>
        <source>There are no profiles yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="57"/>
        <source>Flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="57"/>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="93"/>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="343"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="57"/>
        <source>Hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="72"/>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="73"/>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="74"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="81"/>
        <source>Flag, e.g. --ctx-size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="101"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="282"/>
        <source>{flag} has its own field on the General tab; set it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="296"/>
        <source>Not a flag the panel knows for this engine; it is passed on as typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="302"/>
        <source>Custom command: each row is one or two words of the command line; {host}, {port} and {model} are filled in from the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="309"/>
        <source>Type a flag: the engine&apos;s known flags are offered as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="328"/>
        <source>(also {names})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="340"/>
        <source>(no value)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FullLog</name>
    <message>
        <location filename="../../panel/ui/log/full_log.py" line="38"/>
        <source>Open full log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/full_log.py" line="80"/>
        <source>Every line of a run is kept in a file once the server starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/full_log.py" line="82"/>
        <source>Open every line of this run ({path})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/full_log.py" line="93"/>
        <source>Full log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/full_log.py" line="94"/>
        <source>No application opened the log. Every line of this run is in {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="62"/>
        <source>e.g. qwen3-coder (llama.cpp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="65"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="71"/>
        <source>llama.cpp (llama-server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="72"/>
        <source>whisper.cpp (whisper-server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="73"/>
        <source>vLLM (vllm serve)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="74"/>
        <source>Custom command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="80"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="81"/>
        <source>Vision (images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="82"/>
        <source>Transcription (speech to text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="85"/>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="94"/>
        <source>&amp;Engine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="98"/>
        <source>&amp;Attach to a server started elsewhere:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="112"/>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="170"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="116"/>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="278"/>
        <source>E&amp;xecutable:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="125"/>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="135"/>
        <source>Use 127.0.0.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="137"/>
        <source>Listen on this machine only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="142"/>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="150"/>
        <source>Next free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="152"/>
        <source>Pick the first free port from this one up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="157"/>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="163"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="164"/>
        <source>Environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="165"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="177"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="184"/>
        <source>Health &amp;path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="265"/>
        <source>E&amp;xecutable (in the image):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="267"/>
        <source>Not used: the entrypoint {entrypoint} starts the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="270"/>
        <source>{binary}, inside the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="272"/>
        <source>the program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="275"/>
        <source>The server program inside the container image, not on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="280"/>
        <source>The program to run, e.g. /opt/server/bin/serve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="340"/>
        <source>Name of the variable that holds the key, e.g. MY_LLM_KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="343"/>
        <source>File that holds the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="346"/>
        <source>No key: anyone who can connect may use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="364"/>
        <source>Cannot look for a free port on {host}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="375"/>
        <source>Choose the server program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="383"/>
        <source>Choose the model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="386"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="387"/>
        <source>whisper.cpp models (*.bin);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="388"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="390"/>
        <source>Choose the model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="397"/>
        <source>Choose the API key file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GpuCard</name>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="98"/>
        <source>GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="103"/>
        <source>busy %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="119"/>
        <source>capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="167"/>
        <source>used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="168"/>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="214"/>
        <source>GPU {0} · {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="216"/>
        <source>compute capability {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="223"/>
        <source>not readable: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="229"/>
        <source>{0} / {1} GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="231"/>
        <source>unified memory (system RAM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="233"/>
        <source>utilisation unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="235"/>
        <source>{0} % busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="284"/>
        <source>capacity {0} GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="318"/>
        <source>other processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="331"/>
        <source>usage unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="333"/>
        <source>{0} GiB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GpuPanel</name>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="64"/>
        <source>No NVIDIA GPU detected (NVML: library not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="65"/>
        <source>No NVIDIA GPU detected (NVML: driver not loaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="66"/>
        <source>No NVIDIA GPU detected (NVML: no devices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="67"/>
        <source>No NVIDIA GPU detected (NVML: nvidia-ml-py is not installed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="68"/>
        <source>NVIDIA GPU not accessible (NVML: insufficient permissions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="119"/>
        <source>GPU memory and utilisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="169"/>
        <source>1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="169"/>
        <source>10 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="169"/>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="175"/>
        <source>Show the last {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="164"/>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/plot.py" line="80"/>
        <source>now</source>
        <extracomment>Time windows the selector offers, in seconds. Series key of the area for memory no server accounts for (other programs, the driver).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/plot.py" line="83"/>
        <source>{0} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/plot.py" line="86"/>
        <source>{0} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageTray</name>
    <message>
        <location filename="../../panel/ui/chat/images.py" line="68"/>
        <source>Could not add {name}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeftoverDialog</name>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="206"/>
        <source>Containers still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="216"/>
        <source>These servers were started in containers by an earlier session of the panel (or another one) and are still running, holding their GPU memory. Adopt one to watch and stop it from here, or stop it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="226"/>
        <source>Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="227"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="228"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="229"/>
        <source>Started by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="230"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="248"/>
        <source>Adopt all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="251"/>
        <source>Stop all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="254"/>
        <location filename="../../panel/ui/window/container_dialogs.py" line="335"/>
        <source>Leave running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="272"/>
        <source>(unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="274"/>
        <source>{name} (no such profile now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="280"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="289"/>
        <source>Adopt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="291"/>
        <source>Follow its log and stop it from the panel, as if started here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="293"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="305"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="307"/>
        <source>panel pid {pid} (still running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="308"/>
        <source>panel pid {pid}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="335"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="344"/>
        <source>cannot adopt: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="347"/>
        <source>adopted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="357"/>
        <source>stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="386"/>
        <source>could not stop: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="389"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="127"/>
        <source>Input level</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveFigures</name>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="76"/>
        <source>Added --metrics to {0}: restart it to see tokens/s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="173"/>
        <source>{0} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="176"/>
        <source>KV {0} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="179"/>
        <source>TTFT {0} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="182"/>
        <source>{0} done, last {1} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="200"/>
        <source>loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="202"/>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="204"/>
        <source>{0} {1} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="206"/>
        <source>{0} · {1} s left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogFinder</name>
    <message>
        <location filename="../../panel/ui/log/search.py" line="41"/>
        <source>Search the log (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="48"/>
        <source>Previous match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="51"/>
        <source>Next match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="212"/>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="214"/>
        <source>1 match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="214"/>
        <source>{n} matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="216"/>
        <source>{current} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="220"/>
        <source>{shown} · {n} in the full log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../../panel/ui/log/view.py" line="130"/>
        <source>All lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="131"/>
        <source>Warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="132"/>
        <source>Errors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="133"/>
        <source>Show only some lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="136"/>
        <location filename="../../panel/ui/log/view.py" line="388"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="136"/>
        <source>Stop showing new lines; they are kept for later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="141"/>
        <source>Resume and show them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="144"/>
        <source>Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="144"/>
        <source>Wrap long lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="148"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="148"/>
        <source>Copy the selection, or every line shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="152"/>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="153"/>
        <source>Save the whole log (unfiltered) to a UTF-8 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="158"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="159"/>
        <source>Clear this view (the server keeps running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="196"/>
        <source>Find in log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="199"/>
        <source>Next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="202"/>
        <source>Previous match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="338"/>
        <source>… 1 line not shown — open full log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="340"/>
        <source>… {n} lines not shown — open full log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="388"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="392"/>
        <source>1 new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="392"/>
        <source>{n} new lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="468"/>
        <source>Save log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="470"/>
        <source>Log files (*.log);;Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="479"/>
        <source>Could not save the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="480"/>
        <source>Could not write {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="115"/>
        <source>Inference Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="173"/>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="176"/>
        <source>Vision chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="177"/>
        <source>Transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="178"/>
        <source>GPU memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="179"/>
        <source>Models on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="320"/>
        <source>Attached: the server&apos;s log is wherever it was started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="322"/>
        <source>Not started yet. Start it with F5; its log appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="366"/>
        <source>loading {0} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="451"/>
        <source>No server selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="452"/>
        <source>Create a profile with New profile… (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="461"/>
        <source>ready after {0:.1f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="464"/>
        <source>container {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="468"/>
        <source>Can&apos;t start here: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="470"/>
        <source>Crashed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="492"/>
        <source>{0} running, {1} ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="494"/>
        <source>No servers running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="498"/>
        <source>GPU memory held by panel servers: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="502"/>
        <source>Config: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="515"/>
        <source>Configuration problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="517"/>
        <source>{0}

The panel starts with what it could read. Your file was not changed; saving will ask before replacing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="83"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="86"/>
        <source>Start the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="91"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="94"/>
        <source>Stop the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="99"/>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="106"/>
        <source>New profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="113"/>
        <source>Edit profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="120"/>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="127"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="134"/>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="141"/>
        <source>Copy command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="148"/>
        <source>Show log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="155"/>
        <source>Show vision chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="162"/>
        <source>Show transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="169"/>
        <source>Show GPU memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="176"/>
        <source>Show models on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="183"/>
        <source>First steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="187"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="191"/>
        <location filename="../../panel/ui/window/help_menu.py" line="48"/>
        <source>Documentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="198"/>
        <source>Open the config folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="204"/>
        <source>Check this machine (doctor)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="210"/>
        <location filename="../../panel/ui/window/help_menu.py" line="115"/>
        <source>About Inference Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="222"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="227"/>
        <source>&amp;Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="232"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="245"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="262"/>
        <location filename="../../panel/ui/window/main_window.py" line="147"/>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="49"/>
        <source>This installation has no documentation files. The README and the docs/ folder of the project&apos;s source describe every feature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="66"/>
        <source>Cannot open the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="116"/>
        <source>Inference Panel {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="118"/>
        <source>Starts, watches and stops local inference servers (llama.cpp, whisper.cpp, vLLM, containers), with their logs, GPU memory, a vision chat and transcription. MIT licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/language_menu.py" line="26"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/language_menu.py" line="35"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/language_menu.py" line="68"/>
        <source>The new language is used from the next start of the panel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelField</name>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="41"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="79"/>
        <source>Looking for models in {folders}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="96"/>
        <source>A .gguf file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="97"/>
        <source>A whisper.cpp ggml-*.bin file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="98"/>
        <source>A model folder or a Hugging Face id (Org/Name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="99"/>
        <source>Optional: fills {model} in the flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="138"/>
        <source>Problem: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="147"/>
        <source>Models for this engine found on this machine: {count} (open the list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="151"/>
        <source>No models for this engine found in {folders}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="159"/>
        <source>Its projector {name} is in the same folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="162"/>
        <source>add --mmproj for image input</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsView</name>
    <message>
        <location filename="../../panel/ui/models/view.py" line="200"/>
        <source>fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="200"/>
        <source>tight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="201"/>
        <source>will not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="236"/>
        <source>Filter models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="239"/>
        <source>Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="247"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="247"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="247"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="247"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="248"/>
        <source>Quantisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="248"/>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="248"/>
        <source>Fits?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="248"/>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="253"/>
        <source>Estimated memory at the model&apos;s context, up to {ctx} tokens, against the first GPU&apos;s free memory (or the system&apos;s RAM without a GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="294"/>
        <source>New profile from this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="322"/>
        <source>{n} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="335"/>
        <source>Cannot be used: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="343"/>
        <source>Projector: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="346"/>
        <source>GGUF + projector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="348"/>
        <source>GGUF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="348"/>
        <source>llama.cpp model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="350"/>
        <source>whisper.cpp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="350"/>
        <source>whisper.cpp model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="351"/>
        <source>Hugging Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="351"/>
        <source>Hugging Face model for vLLM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="410"/>
        <source>GPU {index} ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="414"/>
        <source>System memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="414"/>
        <source>system memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="419"/>
        <source>Folders: {list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="420"/>
        <source>(not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="428"/>
        <source>Scanning {folders}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="430"/>
        <source>No folders to scan. Set [discovery] folders in the config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="432"/>
        <source>No models found in {folders}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="434"/>
        <source>Put GGUF or ggml files in /models or ~/models, or set [discovery] folders in the config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="439"/>
        <source>Scanning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="441"/>
        <source>{n} models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="441"/>
        <source>1 model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="443"/>
        <source>{shown} of {total} models shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="444"/>
        <source>fit estimated against {device}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoGpuNotice</name>
    <message>
        <location filename="../../panel/ui/gpu/notice.py" line="29"/>
        <source>Reading GPU status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/notice.py" line="37"/>
        <source>The memory graphs need an NVIDIA GPU with its driver. Everything else in the panel works without one: servers can run on the CPU, and this tab fills in by itself once a GPU is found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/notice.py" line="46"/>
        <source>To see what is missing, run {0} in a terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/notice.py" line="76"/>
        <source>No GPU data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OptionsRow</name>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="51"/>
        <source>Toggle mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="52"/>
        <source>Click once to start and once to stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="57"/>
        <source>The key that records while held (when the tab has focus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="62"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="64"/>
        <source>Recording stops and is sent after this long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="68"/>
        <source>Translate to English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="70"/>
        <source>Prompt: names, spelling, style (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="73"/>
        <source>The response format asked of the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="81"/>
        <source>Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="83"/>
        <source>Max length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="90"/>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="93"/>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileChecks</name>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="12"/>
        <source>{problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="13"/>
        <source>Enter the server&apos;s address, e.g. http://192.168.1.20:8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="14"/>
        <source>This model has a problem: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="15"/>
        <source>Enter the address to listen on (127.0.0.1 keeps it on this machine).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="18"/>
        <source>{host} listens on every network interface: the server is reachable from other machines. The launch commands the default profiles come from bound 0.0.0.0 too; 127.0.0.1 keeps the server on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="22"/>
        <source>Profile “{name}” uses port {port} too: the two cannot run at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="26"/>
        <source>Port {port} is in use right now (by another program, or by this profile&apos;s running server). “Next free” finds another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="30"/>
        <source>One flag per row: put the value of “{flag}” in the Value column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="33"/>
        <source>{flags} usually takes a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="34"/>
        <source>{flag} is given more than once; the engine uses the last one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="37"/>
        <source>“{name}” is not a variable name: use letters, digits and _, and do not start with a digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="41"/>
        <source>The options cannot be split into words: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="42"/>
        <source>Give the profile a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="43"/>
        <source>Runs inside the image, started by {runtime}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="44"/>
        <source>Found at {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="45"/>
        <source>The port must be between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="46"/>
        <source>Ports below 1024 need administrator rights on most systems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="49"/>
        <source>List the GPUs by number, e.g. 0 or 0,1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="50"/>
        <source>{problem}. Write one mount per line as HOST_PATH:CONTAINER_PATH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="53"/>
        <source>The panel runs the container in the foreground without a terminal: -d, -i and -t would break its log and stop handling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="57"/>
        <source>Enter the image to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="58"/>
        <source>Enter the name of the variable that holds the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="59"/>
        <source>Another profile is already named “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="60"/>
        <source>Choose the program that runs this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="61"/>
        <source>{exe} does not exist or is not executable — {hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="62"/>
        <source>{exe} not found on PATH — {hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="63"/>
        <source>{host} is not an address of this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="64"/>
        <source>{name} is set twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="65"/>
        <source>{name} holds the API key: use the API key field on the General tab, so the key stays out of the config file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="69"/>
        <source>Choose the file that holds the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="70"/>
        <source>This engine does not check keys; the panel only sends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="71"/>
        <source>Anyone on the network can use this server: consider an API key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileCommands</name>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="99"/>
        <source>Edit {0} (applies at the next start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="136"/>
        <source>Server running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="137"/>
        <source>Stop {0} before deleting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="141"/>
        <source>Delete profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="142"/>
        <source>Delete the profile {0}? The model files stay on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="143"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="170"/>
        <source>Configuration not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="172"/>
        <source>{0}

Your file was not changed. The change is kept in this window: free some space (or make the folder writable), then make any change to save everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="198"/>
        <source>Copy command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="205"/>
        <source>Copied the command line of {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="87"/>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="89"/>
        <source>Edit profile — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="155"/>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="156"/>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="157"/>
        <source>Environment &amp;&amp; lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="169"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="170"/>
        <source>Copy the command line (the API key stays masked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="174"/>
        <source>&amp;Command line:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="258"/>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="259"/>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="263"/>
        <source>The edits to this profile have not been saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="264"/>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="265"/>
        <source>&amp;Keep editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="158"/>
        <source>Co&amp;ntainer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="323"/>
        <source>Fix before saving: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="297"/>
        <source>Not started by the panel: it only talks to {url}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PullDialog</name>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="53"/>
        <source>Pull {image}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="61"/>
        <source>Downloading the image {image}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="67"/>
        <location filename="../../panel/ui/window/container_dialogs.py" line="154"/>
        <source>Contacting the registry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="122"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="147"/>
        <source>{done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="151"/>
        <source>layer {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="161"/>
        <source>Pulled {image}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="165"/>
        <source>Pull cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="171"/>
        <source>The pull failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultCard</name>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="81"/>
        <source>▶ Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="81"/>
        <source>Play the recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="83"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="83"/>
        <source>Copy the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="85"/>
        <source>Retry on…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="85"/>
        <source>Send it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="92"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="92"/>
        <source>Save as text or subtitles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="101"/>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="103"/>
        <source>Open WAV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="106"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="144"/>
        <source>audio {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="148"/>
        <source>round trip {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="151"/>
        <source>RTF {rtf:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="158"/>
        <source>Transcribing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="164"/>
        <source>(no speech recognised)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerBox</name>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="35"/>
        <source>The server that answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="42"/>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="141"/>
        <source>{name} (text only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="148"/>
        <source>No chat server is ready: start one in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="153"/>
        <source>Checking whether {name} accepts images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="159"/>
        <source>✓ Accepts images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="163"/>
        <source>✗ Text only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="167"/>
        <source>Unknown whether it accepts images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerControl</name>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="67"/>
        <source>It may not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="67"/>
        <source>Start anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="86"/>
        <source>Asking {0} about {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="104"/>
        <source>Could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="116"/>
        <source>Pull the image?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="117"/>
        <source>The image {0} is not on this machine. Pull it now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="118"/>
        <source>Pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="158"/>
        <source>Cannot start {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="159"/>
        <source>{0} cannot start yet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="165"/>
        <source>Use port {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="184"/>
        <source>Port {port} is already in use by {name}, a server this panel runs. Stop {name} first, or use port {free}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="233"/>
        <source>on port {0} (the profile says {1})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerListModel</name>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="163"/>
        <source>attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="165"/>
        <source>attached · ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="169"/>
        <source>loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="175"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="176"/>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="177"/>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="178"/>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="179"/>
        <source>crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="186"/>
        <source>model missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="187"/>
        <source>no binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="188"/>
        <source>no runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="189"/>
        <source>can&apos;t start: no daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="190"/>
        <source>can&apos;t start: no docker access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="191"/>
        <source>can&apos;t start: no NVIDIA runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="192"/>
        <source>can&apos;t start: mount missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="193"/>
        <source>can&apos;t start: model not mounted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="194"/>
        <source>can&apos;t start: API key unset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="195"/>
        <source>can&apos;t start: file missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="196"/>
        <source>can&apos;t start: flag conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="198"/>
        <source>can&apos;t start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="209"/>
        <source>{engine} in a container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="229"/>
        <source>Container image: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="231"/>
        <source>Running as container {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="235"/>
        <source>Listens on every network interface ({0}): other machines can reach it. Edit the profile and use 127.0.0.1 to keep it on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="241"/>
        <source>Warning: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="243"/>
        <source>Can&apos;t start here: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="245"/>
        <source>Crashed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerMetricsGraphs</name>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="117"/>
        <source>Server figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="121"/>
        <source>tokens/s: generation solid, prompt dashed · last minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="188"/>
        <source>{0} running, {1} waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="191"/>
        <source>{0} tok/s generated, {1} tok/s prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="199"/>
        <source>KV cache {0} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="203"/>
        <source>first token {0} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="208"/>
        <source>last request {0} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerTray</name>
    <message>
        <location filename="../../panel/ui/window/tray.py" line="56"/>
        <source>Show Inference Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/tray.py" line="67"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/tray.py" line="69"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/tray.py" line="72"/>
        <source>Quit (stops all servers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/tray.py" line="74"/>
        <source>Inference Panel: {0} running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartChecks</name>
    <message>
        <location filename="../../panel/ui/window/start_checks.py" line="106"/>
        <source>{0} can start here: press F5 (Start).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="139"/>
        <source>Drop images or image links here, or paste one with Ctrl+V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="148"/>
        <source>Add image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="162"/>
        <source>Preparing
{name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="200"/>
        <source>Remove this image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscribeTab</name>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="77"/>
        <source>The server that transcribes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="83"/>
        <source>The microphone to record from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="86"/>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="87"/>
        <source>Copy the last request as a curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="91"/>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="95"/>
        <source>Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="111"/>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="145"/>
        <source>Transcribe audio files ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="180"/>
        <source>Looking for microphones…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="190"/>
        <source>No audio support: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="215"/>
        <source>● Release to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="216"/>
        <source>■ Click to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="218"/>
        <source>● Click to record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="220"/>
        <source>● Hold to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="222"/>
        <source>No transcription server is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="229"/>
        <source>Or hold {key} while this tab has focus. Open, drop or paste audio files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="319"/>
        <source>Hold the button while you speak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="323"/>
        <source>Nothing was heard: check the microphone and its input level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="326"/>
        <source>microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="345"/>
        <source>Start a transcription server first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="362"/>
        <source>Could not read {name}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="373"/>
        <source>Could not save the recording in {folder}: {error}. Free some space there and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="382"/>
        <source>No transcription server was ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="431"/>
        <source>{server}: {message} The recording is kept; retry it below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="441"/>
        <source>Could not save the transcript in {folder}: {error}. It is shown below until the panel closes: copy or export it, and free some space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="460"/>
        <source>Could not read the recording: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="481"/>
        <source>Copied a curl command for the last request.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptList</name>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="196"/>
        <source>Transcripts appear here, newest first. Open, drop or paste an audio file to transcribe it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="303"/>
        <source>Could not play the recording: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="324"/>
        <source>Export transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="341"/>
        <source>Replace file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="342"/>
        <source>{name} exists. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="351"/>
        <source>Could not save {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowLifetime</name>
    <message>
        <location filename="../../panel/ui/window/lifetime.py" line="73"/>
        <source>Quit Inference Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/lifetime.py" line="75"/>
        <source>Stop and quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/lifetime.py" line="79"/>
        <source>Keep running in the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/lifetime.py" line="130"/>
        <source>Stopping {0} servers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/lifetime.py" line="148"/>
        <source>{0} server(s) running: {1}.
Stop them and quit?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owner</name>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="36"/>
        <source>Add --metrics</source>
        <extracomment>Seconds the graphs span.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="40"/>
        <source>This llama-server runs without --metrics, so only its busy slots are known. Add --metrics to the profile; the next start shows tokens/s, the queue and the KV cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="47"/>
        <source>tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="48"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
