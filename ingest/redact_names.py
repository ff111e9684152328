"""Given names, for telling a person's name from a capitalised phrase (used by ingest/redact_rules.py).

A committed list rather than a package: `names-dataset` (the obvious PyPI choice) is far larger than this needs
and would be a new dependency; these ~13,500 names are 100 KB and import in ~10 ms (measured).

- FAKER: the given names of Faker 40.63.0 (MIT licence), generated, never edited by hand: for every module in
  faker/providers/person/, the union of its first_names*, first_romanized_names* attributes, keeping names of 2+
  Latin letters (hyphen and apostrophe allowed) that start upper-case; all-caps romanised ones (zh_TW)
  title-cased. Left out: the catch-all `en` list (7,200 US names, entries such as "Ab" and "Abb") and the long
  Icelandic (is_IS) and Swiss-German (de_CH) lists. 58 locales contribute, from Akan to Zulu.
- _ADDED: common names in their usual romanisation that Faker lacks (its Arabic, Hindi, Russian, Korean,
  Greek and Hebrew lists are in their own scripts) and English short forms (Greg, Janie, Matt ...), by hand.
- _ENGLISH_WORDS: names that are also English words heading a capitalised phrase ("Grant Park", "May Leave",
  "Will Slack", "Mark Complete", "Lean Startup"; names from other languages such as "Server"): by hand, then
  the names that also occur lower-case in policyqa-dev or the 18F handbook. They still count where a role, a
  contact verb or an email backs the name, but are no evidence on their own.
"""

FAKER = """
Aaaqil Aaban Aabid Aachal Aada Aadam Aadhya Aadi Aadil Aafiya Aage Aahana Aahil Aalam Aalee Aalim Aaliyah Aamil
Aamir Aamirah Aanuoluwapo Aapo Aaqil Aarav Aarif Aarini Aariz Aarna Aarnav Aarne Aaro Aaron Aarush Aaryan Aarón
Aashi Aashif Aashir Aasif Aasim Aatif Aatiq Aatos Aaus Aayan Aayush Aazim Aba Abaan Abayomi Abbas Abbey Abbi Abbie
Abbos Abby Abdalla Abdallah Abdelatif Abdelkader Abdellah Abderaouf Abderrahmane Abdi Abdihakim Abdirahman Abdiş
Abdu Abduaziz Abduboriy Abdul Abdulbekir Abdulgazi Abdulhamid Abdulkadir Abdullah Abdullahi Abdulloh Abdulmenaf
Abdulsemet Abdumalik Abdurahmon Abdurrahman Abdón Abdülahat Abdülcemal Abdülhadi Abdülkerim Abdülsamed Abdürreşit
Abebi Abednego Abeer Abeiku Abel Abelardo Abelone Abena Abeni Abha Abhimanyu Abhiram Abid Abigael Abigail Abigaili
Abigaíl Abilio Abina Abiodun Abiona Abiye Abner Abosede Abraham Abram Abril Abror Abubakar Abubakr Abuzar Abyasa
Acar Acarkan Achiel Achieng Achille Achim Aclan Ada Adaeze Adak Adal Adalbert Adalberto Adam Adamo Adan Adasal
Addison Ade Adebiyi Adebowale Adebukola Adedayo Adedeji Adekitan Adekola Adekunle Adel Adela Adelaida Adelardo
Adelasia Adelbert Adele Adeleke Adelgunde Adelheid Adelia Adelin Adelina Adelinde Adeline Adelmo Adem Aden Adenike
Adeniyi Adeolu Adeoti Adepeju Aderopo Adesewa Adeshina Adesoji Adesua Adetayo Adetoke Adetoun Adeyi Adhiarja Adhra
Adi Adia Adiarja Adiela Adigun Adika Adikara Adil Adila Adimu Adina Adinata Aditya Adlan Adnan Adolf Adolfine Adolfo
Adolphe Adomas Adonis Adora Adoración Adriaan Adrian Adriana Adriane Adrianna Adrianne Adriano Adrien Adrienn
Adrienne Adrija Adrijana Adrián Adriána Adunni Advaith Advay Advik Advika Adviye Adweta Adwoa Adya Adán Adèle Adéla
Adélaïde Adıgün Aedan Aedin Aengus Aenne Afaq Afer Afia Afife Afil Afiq Afolarin Afonso Afra Afruza Aftin Afua
Agapito Agastya Agata Agatha Agathe Aggrey Aglaia Agne Agnes Agnesa Agnese Agneta Agnete Agnieszka Agnolo Agnos
Agnès Agnė Agostina Agostino Agripina Agris Agus Agustin Agustina Agustín Agáta Ahat Ahmad Ahmed Ahmet Ahsen Ahter
Ahti Aicha Aida Aidan Aideen Aiden Aiga Aigars Aija Aijuka Aiko Aila Ailbhe Aileen Aili Ailis Ailish Aimable Aimee
Aimo Aimé Aimée Aina Ainara Aine Aino Ainoa Ainārs Airi Aisha Aishani Aishling Aisling Aislinn Aistis Aisyah Aitana
Aitor Aivar Aivaras Aivars Ajala Ajan Ajani Ajda Ajeng Ajiman Ajimat Ajimin Ajiono Ajna Ajoke Akalan Akanmu Akar
Akarsana Akatay Akay Akbar Akbaş Akboğa Akcivan Akdora Akdurmuş Akemi Akgöl Akgüneş Aki Akif Akinkunmi Akinlabi
Akinwale Akinyi Akira Akise Akkerman Akmal Akmaner Akmaral Akobir Akos Akosua Akoth Akram Aksay Aksel Akseli Akshay
Aksoy Aksöğüt Aktemür Akua Akumaa Akumu Akver Akwasi Akwesi Akyıldız Akçabay Akçasu Aköz Akınal Alaaddin Alabezek
Alade Aladin Aladino Alaeddin Alain Alambana Alamiro Alamu Alan Alana Alanalp Alanis Alanna Alannah Alara Alastair
Alattin Alaz Alba Alban Albano Albeiro Alberico Albert Alberta Alberte Albertina Albertine Alberto Alberts Albin
Albina Albino Albrecht Albín Albína Alcan Alcides Alcira Aldair Aldemar Alderano Aldis Aldo Aldonza Ale Alea Alec
Aleida Aleisha Aleix Alejandra Alejandrina Alejandro Alejo Aleks Aleksandar Aleksander Aleksandr Aleksandra
Aleksandras Aleksandrs Aleksanteri Aleksei Aleksej Aleksi Alen Alena Alenka Aleodor Alessandra Alessandro Alessia
Alessio Alex Alexa Alexandar Alexander Alexandr Alexandra Alexandre Alexandria Alexandrie Alexandrina Alexandros
Alexandru Alexe Alexei Alexej Alexi Alexia Alexis Aleš Alf Alfio Alfons Alfonsina Alfonso Alfonz Alfred Alfredo
Alfréd Alfrēds Algirdas Algot Algış Ali Aliabbas Alica Alice Alicia Alicja Alida Aliihsan Alika Alin Alina Aline
Alinur Alirio Aliro Alis Alisa Alise Aliseydi Alisha Alison Alisson Alistair Alistar Alister Alix Aliya Aliyu Alize
Alizée Alja Aljaž Aljoša Alka Alkor Alla Allahverdi Allan Allana Allegra Allen Allison Alma Almasi Almast Almaz
Almendra Almira Almudena Almus Almut Almuth Alois Aloisia Alojz Alojzia Alojzij Alojzija Alondra Alonso Aloys Aloyse
Aloïs Alparslan Alpcan Alphonce Alphons Alphonse Alphonsus Alpin Alpsü Alsoy Altoğan Altuğ Altınbike Altınkaya
Altınçiçek Altınışın Alva Alvar Alvaro Alve Alveiro Alvin Alvīne Alwin Alwina Alwine Aly Alya Alyssa Alzina Alícia
Alīda Alışık Alžbeta Alžběta Ama Amada Amadeo Amadeus Amado Amador Amahle Amaia Amaira Amalia Amalie Amalija Amancio
Amanda Amandine Amando Amani Amar Amara Amarachi Amarilis Amaro Amaru Amaury Amaya Amaç Ambar Amber Ambre Ambrose
Ambrosio Ambróz Amedeo Amedeu Amel Amelia Amelie Amelija Ami Amico Amie Amin Amina Aminatu Amine Amir Amira Amleto
Amoke Amol Amon Amondi Among Amope Amor Amos Amparo Amre Amri Amrita Amruta Amy Amy-Lee Amy-Leigh Amza Amália Amélia
Amélie América Américo Amílcar Amālija An Ana Anabel Anabela Anabella Anacleto Anahera Anahis Anahí Anaida Anamaria
Anamika Anar Anargül Anaru Anas Anasa Anastacia Anastasia Anastasie Anastasio Anastasios Anastatia Anastazja
Anastázie Anatol Anatoli Anatolie Anatolij Anay Anaëlle Anaís Anaïs Anca Ancizar Anda Anders Anderson Andile Andiç
Andjela Andjelina Andor Andra Andrada Andre Andrea Andreas Andree Andreea Andrei Andreia Andrej Andreja Andrejka
Andrejs Andrena Andres Andrew Andrey Andrešs Andrian Andrija Andrin Andris Andrius Andrus Andrzej András André
Andréa Andréas Andrée Andrés Andwele Andy Anděla Ane Anej Anel Anemona Aneta Anete Anett Anette Anežka Angalia
Angavu Ange Angel Angela Angelica Angelika Angelina Angeline Angelino Angelique Angelita Angelo Anggabaya Anghel
Anghelina Angie Angus Angèle Angélica Angélique Anh Ani Anica Anicet Aniela Anika Anikó Anirudh Anis Anisa Anissa
Anita Anja Anjali Anjolaoluwa Anka Anke Ankica Anmol Ann Ann-Britt Ann-Charlott Ann-Charlotte Ann-Christin Ann-
Christine Ann-Kathrin Ann-Kristin Ann-Louise Ann-Mari Ann-Marie Ann-Sofi Ann-Sofie Anna Anna-Karin Anna-Lena Anna-
Liisa Anna-Lisa Anna-Luise Anna-Maria Anna-Marie Annabel Annabell Annabella Annabelle Annah Annak Annalena Annaliese
Annalisa Annalise Annamaria Annamária Annastacia Anne Anne-Catherine Anne-Françoise Anne-Kathrin Anne-Katrin Anne-
Marie Anne-Rose Anne-Sophie Annedore Annegret Annegrete Annekatrin Anneke Anneleen Annelene Anneli Annelie Annelies
Anneliese Annelise Annelore Annemarie Annemette Annemie Annemijn Annerose Annet Annett Annetta Annette Anni Annibale
Annica Annick Annie Anniina Annija Annika Annikki Annina Annita Annukka Annunziata Anny Anom Anon Anoni Anouk
Ansaldo Anselm Anselma Anselmo Ansgar Ansh Ansis Ansora Anssi Antal Antanas Ante Antero Anthony Antim Antje Anto
Antoaneta Antoin Antoine Antoinette Anton Antonela Antonella Antonello Antoni Antonia Antonie Antonieta Antonietta
Antonija Antonin Antonina Antonino Antonio Antonios Antoniu Antonius Antons Antony Antonín Antoon Antoņina Antra
Ants Antti Antun Antònia Antónia António Antônio Anu Anunciación Anusha Anvar Anvi Anya Anyango Anyelo Anyi Aníbal
Anđa Anđela Anže Aodhan Aoibheann Aoibhin Aoibhinn Aoife Aongus Apaydın Apisara Apolena Apolinar Apolline Apollo
Apollonia Apolonia Apostolos April Aqil Aquiles Arabella Araceli Aracely Aradhana Aral Aran Aranka Aras Arbey Arcan
Arcelia Archer Archie Arda Arezki Argemiro Argono Argu Arham Ari Aria Ariadna Arian Ariana Ariane Arianne Aribert
Arie Ariel Ariela Arielė Arif Arifcan Arijus Arike Ariki Arild Arin Arina Arinola Aris Arisara Aristide Aristides
Arja Arjun Arkadiusz Arkut Arlene Arlet Arlette Arley Arlo Armahan Armand Armandas Armande Armando Armands Armas
Armelle Armida Armin Arminas Arnaldo Arnas Arnau Arnaud Arnaude Arnd Arndt Arne Arnfried Arnim Arnis Arno Arnold
Arnoldas Arnoldo Arnolds Arnošt Arnulf Arnulfo Aroa Aroha Aron Aronas Arpağ Arpád Arran Arron Arsenie Arsenio
Arsipatra Arta Artan Artanto Artawan Artemio Artemisa Arthur Artis Arto Arttu Artturi Artur Arturo Arturs Artūras
Artūrs Aru Arunima Arusi Arvid Arvo Arvydas Arvīds Arya Aryan Arziye Arzu Aránzazu Arıel Arıkol Arıpınar Arısoy
Arūnas Asad Asafe Asake Asalet Asali Asani Asanti Asatira Asbjørn Ascensión Asdrubal Asger Asha Asher Ashlee
Ashleigh Ashlene Ashley Ashling Ashton Asif Asila Asilbek Asiman Asirwada Asirwanda Asko Aslan Aslanhan Aslijan
Asliye Asma Asmadi Asman Asmianto Asmini Asmira Asmuni Assar Assia Assumpta Asta Aston Astrid Astride Asu Asuka
Asunción Aswani Asım Ataahua Atabala Atagün Atalay Atamoğlan Atanur Atasagun Atatöre Atena Atenulf Atfat Atgun
Athanasios Atharv Atheel Athman Athuman Athumani Ati Atiena Atieno Atila Atilhan Atilio Atinuke Atit Atiyye Atma
Atmaja Atnan Atsushi Attaf Atte Attila Attracta Atılgan Aud Aude Audrey Audrius August Augusta Augustas Auguste
Augustin Augustina Augustine Augusto Augusts Augustín Aukusti Aulikki Aulis Aune Aunyaporn Aura Auraq Aurel Aurelia
Aurelian Aureliana Aureliano Aurelien Aurelija Aurelio Aurica Aurică Aurimas Aurora Aurore Aurélia Aurélie Aurélien
Aurėja Ausma Austin Austine Austra Autumn Aušra Aušrinė Ava Avelino Averil Avgust Avi Avni Avram Avril Avunç Avşin
Awadil Awamil Awamiri Awan Awani Awero Awesi Awhina Awj Awlya Awmar Awrad Axel Axelle Axenia Axinte Aya Ayaan Ayamin
Ayan Ayasun Ayaydın Aybet Aybora Aycagül Aydan Aydar Ayden Aydinç Ayduru Aydın Aydınbey Ayelén Ayesha Aygutalp
Aygönenç Aygül Aygün Ayhan Ayinde Ayinke Aykut Aykutalp Ayla Ayleen Aylil Aylin Aylla Ayman Aymen Aymeric Aynilhayat
Aynur Aynımah Ayodeji Ayodele Ayoka Ayoub Aypar Aysar Ayse Aysel Aysema Aysevim Aysoy Aysu Aysuna Aytek Ayten Aytuna
Aytöz Ayu Ayub Ayush Ayushman Ayvas Ayyaruk Ayyubi Ayçan Ayülker Ayşan Ayşeana Ayşenur Azaan Azad Azade Azahar
Azahara Azalea Azban Azeeb Azeglio Azeneth Azettin Aziz Aziza Azize Azizi Azra Azucena Açıkel Açılay Aída Aïcha Ağa
Ağahadi Ağakişi Ağamalı Ağamusa Ağaxan Ağbegim Ağca Ağmur Aşhan Aşir Baaba Baahir Baaizeed Baaqee Baaqir Baaree
Baashir Baasim Baasit Baba Babar Babasola Babatunji Babawale Baber Babett Babette Baccio Bachittar Badawi Badegül
Badr Bagas Baghyawati Bagiya Bagus Bagya Baha Bahaa Bahaddin Bahadurjit Bahadır Bahari Bahati Bahittin Bahtinur
Bahuraksa Bahuwarna Bahuwirya Baiba Bailey Bailie Bairbel Bairbre Bairon Bajragin Bakari Bakda Bakhshi Baki Bakiadi
Bakianto Bakidin Bakijan Bakiman Bakiono Bakti Baktiadi Baktianto Baktiono Bala Balamantri Balangga Balapati
Balatekin Balaxanım Balca Baldassare Baldomero Balduino Baldur Bale Baleegh Balendra Balhaar Bali Balidin Balijan
Balinda Baljiwan Ballı Baltasar Baltazar Baltaş Balthasar Balvan Balveer Balázs Bambad Bambang Banara Banawa Banawi
Bancar Bandile Banjeet Banü Baptist Baptiste Baqar Baqir Bara Barak Baraka Barasa Barbara Barbora Barbro Barbu
Barica Bariş Barkha Barna Barnabás Barr Barraq Barry Barsen Bart Bartek Bartholomew Bartholomäus Bartley Bartolomej
Bartolomeo Bartolomeu Bartolomé Barışcan Bas Basaam Basarab Baseer Basel Basem Bashaar Bashaarat Bashar Basharat
Basheer Basheerah Basil Basile Basilio Basim Basir Basriye Bassam Bastiaan Bastian Bastien Bastián Basım Batal
Batool Baturay Batırhan Baudelio Baudouin Bautista Baydu Baykan Bayman Bayram Bayron Bayruhan Baytal Bayzettin Bazam
Bağdat Bağdaş Başay Başhan Başok Beata Beate Beatrice Beatrijs Beatrix Beatriz Beau Beauden Bebe Becky Bedi Bediriye
Bedri Bedřich Begim Begoña Behiza Behrem Behruz Bekbay Bekir Bektaşi Bela Belarmino Belen Belgizar Belinda Belisario
Belkize Bella Bellisan Bello Belo Belén Ben Benard Benas Bence Bendegúz Benedek Benedetto Benedict Benedicte
Benedicto Benedikt Benedikte Benedita Benek Bengibay Bengt Beni Beniamin Benice Benicio Benigna Benigno Benita
Benito Benjamim Benjamin Benjamín Benjámin Benn Benno Benny Benoit Benol Benone Benoît Benson Bent Benta Bente
Benthe Bento Benvenuto Benício Beppe Berat Beray Beren Berend Berenice Berezat Bergen Berit Beriye Berkal Berki
Berksay Bernabé Bernadett Bernadette Bernadine Bernard Bernarda Bernardino Bernardita Bernardo Bernd Bernd-Dieter
Berndt Bernfried Bernhard Bernhardine Bernice Bernt Bernward Berra Berran Berrin Bert Berta Bertalan Bertha Berthe
Berthold Bertil Berto Bertold Bertram Bertrand Beryl Besey Beshte Besin Beste Betania Beth Bethan Bethany Betina
Bett Betti Bettina Betty Bevan Beverley Beverly Beyda Beyhatun Beyler Beyzade Bezek Beáta Beňadik Bhanumati Bhavani
Bhavika Bhavini Bhavna Bhavya Bhekani Bhekisisa Bhekizizwe Bhekokwakhe Biagio Bianca Bianka Bibi Bibiana Bibisora
Bibiána Bibuwa Bican Bidayet Bieke Biel Bienvenida Bilaal Bilal Bilay Bilender Bilgen Bilginur Bilgütay Bilha
Biljana Bilkay Bilkisu Bill Billie Billie-Jo Billy Bilol Biltaş Bimala Bina Binay Binbaşar Binışık Birben Birger
Birgid Birgit Birgitt Birgitta Birgitte Birgül Birousk Birsan Birsen Birte Birthe Biruta Biserka Bishakha Bitten
Bitül Bizhan Bişar Bjarne Bjorn Björn Bjørg Bjørn Bladimir Blahoslav Blaine Blair Blake Blanaid Blanca Blanche
Blandine Blanduzia Blanka Blas Blathnaid Blaž Blažej Blažena Blessing Bo Boaz Bob Bobby Bobur Bodhi Bodil Bodo Boe
Boel Bogdan Bogdana Boglárka Bogomir Bohdan Bohdana Bohumil Bohumila Bohumír Bohuslav Bohuslava Bohuš Bojan Bolatito
Boleslav Boluwatife Boma Bonface Boniface Bonifacio Bonifác Bonnie Bonu Borahan Borataş Borbála Boris Borja Borris
Borut Borys Bosibori Botond Bouchra Boynak Bozbağ Bozena Bozerk Boztaş Boğatimur Bořivoj Boštjan Božena Božica
Božidara Božo Brad Bradley Brady Brahim Bram Bramwel Brandi Brandon Brandy Branislav Branislava Branka Branko
Braulio Bravin Braxton Brayan Brayden Breandan Breanna Brecht Breda Breeda Breege Breffni Brencis Brenda Brendah
Brendan Brendon Breno Brent Brett Brian Briana Brianna Brice Brid Bridget Bridgit Bridie Briek Brien Brieuc Briget
Brighid Brigid Brigita Brigitta Brigitte Brijesh Brilyant Brinda Brit Brita Britney Britt Britt-Mari Britt-Marie
Britta Brittany Brittney Brodie Brogan Brona Bronach Bronagh Bronislava Bronwen Bronwyn Brooke Brooklyn Bror
Broņislava Bruce Bruna Brunhild Brunhilde Bruni Brunilda Bruno Bryan Bryce Bryony Brígida Bucur Budi Buenaventura
Buhari Bulunç Bunmi Buraid Burakhan Burckhard Burcuhan Burghard Burkard Burkhard Burkhardt Burç Busara Busisiwe
Buyrukhan Buşra Byron Bystrík Bálint Bárbara Bärbel Béatrice Béatrix Béla Bénédicte Bérengère Bérénice Börje
Börteçin Bøje Børge Büget Bünyamün Büreyre Büşranur Bănel Bērends Bērtulis Błażej Břetislav COmfort Cabbar Cabir
Caetana Cagak Cager Cahal Cahan Cahangir Cahir Cahya Cahyadi Cahyanto Cahyo Cahyono Cailin Cailum Caio Cait Caitlin
Caitlyn Caitriona Caius Cajsa Caket Cakrabirawa Cakrabuana Cakrajiya Cakrawala Cakrawangsa Cal Calcedonio Caleb
Calebe Calista Calisto Calixta Calixto Callan Callum Calogero Calum Calvin Calvince Camelia Cameron Camil Camila
Camilla Camille Camillo Camillus Camilo Campbell Campo Canal Canan Canberk Candace Candela Candelaria Candelario
Candelas Candeniz Candice Candra Candrakanta Canfeza Cangür Canice Cannur Canseven Cansin Cantemir Cantez Canur
Caoilfhionn Caoimhe Caoimhin Caolain Caolan Caomhan Capa Capucine Cara Caragh Caraka Caren Caridad Carin Carina
Carine Carita Carl Carl-Heinz Carl-Johan Carla Carlijn Carlito Carlo Carlos Carlota Carlotta Carly Carmel Carmela
Carmelita Carmelo Carmen Carmenza Carmina Carmine Carminho Carol Carola Carole Carolien Carolin Carolina Caroline
Carolyn Carolyne Carren Carrie Carsten Carter Carub Cas Casandra Casemiro Casey Casian Casiana Casper Cassandra
Cassidy Cassie Cataleya Catalina Catarina Caterina Cathal Catharina Catherina Catherine Catheriona Cathleen Cathrin
Cathrina Cathrine Cathriona Cathy Catinca Cato Catrin Catrina Catrine Catrinel Catriona Catur Caturangga Cauã Cauê
Cavad Cavid Cavit Cawisadi Cawisono Cawuk Cayadi Cayetana Cayetano Cazimir Ceara Cebesoy Cebrián Cecelia Cecep Cecil
Cecile Cecilia Cecilie Cecilija Cecilio Cecille Cecília Cedide Cedric Cedrin Ceferino Celal Celene Celeste Celestina
Celestine Celestino Celia Celilay Celina Celinda Celine Celso Cemal Cemalettin Cemani Cemeti Cemil Cemiyle Cemplunk
Cenan Cengiz Cengkal Cengkir Centa Centrine Cerasela Cercis Cesar Cesare Cetin Cevale Cevheri Ceyhun Ceyla Ceylin
Ceyran Cezar Cezara Cezary Cezayir Chaaya Chabane Chad Chaifah Chaitaly Chaitanya Chaiwut Chakradev Chakradhar
Chakrika Chalisa Chamali Chaman Chameli Champak Chanakya Chanchal Chandani Chandra Chandran Chandresh Chanez Changaz
Chanikan Chaniya Chantal Chantel Chantelle Chanya Chao Charan Charis Charita Charity Charlene Charles Charlesh
Charlie Charline Charlott Charlotta Charlotte Charly Charmaine Charo Charos Charvi Chase Chashida Chasmum Chatresh
Chatura Chausiki Chavvi Chawin Chawish Chayanin Chayapat Che Che-Wei Chebet Chege Chelangat Chelo Chelsea Chelsey
Chema Chen-Jui Cheng-En Cheng-Han Cheng-Hsiung Cheng-Hung Cheng-I Chepkemoi Chepkoech Chepkorir Cheragh Cherie
Cherif Cherith Cherotich Cheruiyot Cheryl Cheusi Cheyenne Chi Chia-Hao Chia-Hung Chia-Jung Chia-Ling Chia-Ming Chia-
Wei Chia-Ying Chiamaka Chiara Chibuzo Chidimma Chien-Cheng Chien-Chih Chien-Chung Chien-Hsing Chien-Hua Chien-Hung
Chien-Liang Chien-Ming Chigozie Chih-Cheng Chih-Chiang Chih-Chung Chih-Hao Chih-Hsien Chih-Hsiung Chih-Hung Chih-
Ming Chih-Wei Chih-Wen Chih-Yuan Chijioke Chin-Fa Chin-Feng Chin-Hsing Chin-Lien Chin-Lung Chin-Tsai Chinedu Chinelo
Ching-I Chinyere Chipukizi Chiraz Chita Chiu-Hsiang Chiu-Yueh Chiyo Chizoba Chloe Chloé Chloë Chlóe Chris Christa
Christa-Maria Christabel Christel Christelle Christer Christiaan Christian Christiana Christiane Christianne
Christie Christin Christina Christine Christl Christof Christofer Christoffer Christoph Christophe Christopher
Christos Christy Chucho Chuki Chukwudi Chukwuemeka Chun-Chieh Chun-Hao Chun-Hsien Chun-Hsiung Chun-Hung Chun-Liang
Chun-Mei Chun-Ming Chun-Nan Chun-Ting Chun-Yu Chus Chuy Châu Cian Cianan Ciaobella Ciara Ciaran Ciarrai Cici Cielo
Cihan Cihandide Cilli Cillian Cilly Cindoruk Cindy Cinta Cinthia Cinthya Cintia Ciprian Cipriana Cipriano Ciriaco
Ciril Cirillo Cirino Cirkeline Ciro Ciríaco Citlali Citra Claas Claes Clair Claire Clara Clare Clarence Clarice
Clarisa Clarissa Clarisse Clark Clas Claude Claudette Claudia Claudie Claudina Claudine Claudio Claudiu Claudius
Claudy Claus Claus-Dieter Claus-Peter Clavs Clayton Clelia Clemencia Clemens Clement Clemente Clementina Cleopatra
Cleophas Cleto Clifford Clinton Cliodhna Cliona Clive Clodagh Clodomiro Cloe Clorinda Clothilde Clotilde Cloé
Clàudia Cláudio Cläre Clémence Clément Clémentine Clímaco Codie Codin Codrin Codrina Cody Cohen Cole Coleman Colette
Colin Coline Colins Colleen Collette Collin Collince Collins Colm Colman Colomba Colton Coluccio Colum Columba
Comfort Conal Conall Conan Concepción Concepta Concetta Concha Conchita Conchur Conleth Conn Connell Connie Connor
Conny Conor Conrad Conradin Conrado Consolata Constance Constant Constantin Constantina Constantino Constanza
Constanze Constança Consuela Consuelo Cooper Cora Coral Coralia Coralie Coraline Cord Cordula Corentin Corey Corina
Corine Corinna Corinne Coriolano Cormac Cormack Corneille Cornel Cornelia Cornelio Cornelis Corneliu Cornelius
Corona Corrado Corrie Cortney Corvin Cory Cosima Cosimo Cosmas Cosme Cosmin Cosmina Costache Costantino Costanzo
Costel Costin Courteney Courtney Coşkun Coşqun Craig Crescencia Crin Crina Cristal Cristea Cristhian Cristhofer
Cristian Cristiano Cristina Cristián Cristobal Cristofer Cristofor Cristopher Cristóbal Cruz Crystal Csaba Csilla
Csongor Ctibor Ctirad Cuheyna Cuman Curro Curt Curtis Custodia Custodio Cvetka Cvetko Cynthia Cyprian Cyprián Cyriel
Cyril Cyrille Cyrus Czeslaw Cándida Cándido Cäcilia Cäcilie Cécile Cédric Célestin Célestine Célia Célina Céline
César Côme Cümşüd Cüneyit Călin Cătălin Cătălina Daamin Daan Daanish Daanyaal Daawood Dabbah Dabir Dace Dacian
Daciana Dacin Dadap Dadi Dafina Dafne Dag Dagel Daghfal Dagmar Dagmara Dagny Dagobert Dagoberto Dahiana Dai Daiana
Daiga Daina Dainess Dainis Dainius Daire Dairine Dairo Daisy Daiyaan Dajana Dakhil Dakota Daksh Daksha Dakshesh
Dalaja Dalan Dalbir Dale Daler Dalia Dalibor Dalila Dalili Dalima Daliman Dalimin Daliono Dalkılıç Dalmas Dalton
Damar Damaris Dameer Damian Damiano Damien Damienne Damife Damijan Damini Damir Damián Damjan Damjana Damlanur Damon
Damu Damurah Damyanti Dan Dana Danae Danang Dancan Dancun Dani Dania Danica Daniel Daniela Daniele Danielius
Daniella Danielle Daniels Danijel Danijela Danilo Danique Danish Daniswara Danitza Danièle Daniël Danjuma Danna
Danny Danson Dante Danu Danuja Danuta Danuše Dany Danış Daphne Daphné Dara Daragh Darain Darcy Daren Daria Dariana
Dariati Darija Darijan Darika Darimin Darin Darina Darinka Dario Daris Darius Dariusz Darja Darko Darlene Darling
Darmaji Darman Darmana Darmanto Darpan Darragh Darran Darrell Darren Darrin Darryl Darryn Darsh Darsirah Dartono
Daru Daruna Darwin Dary Daryani Daryl Darío Dasa Dastageer Daud Daudi Dave Davi David Davida Davide Davin Davis
Davnet Davor Davorin Davy Dawid Dawn Dawud Dayamai Dayana Dayar Dayita Dayna Dayyaan Dağistan Deaglan Dean Deane
Deanna Dearbhail Dearbhaile Dearbhla Debbie Debby Debora Deborah Deborrah Debra Decebal Declan Deepa Deha Deiby
Deicy Deidre Deirbhile Deirdre Deisy Deividas Dejan Del Delfina Delfino Delfín Delia Delil Delphine Demeter Demetra
Demetrio Demi Demi-Lee Demi-Leigh Demian Demilade Demirbüken Demiriz Demirok Demiryürek Deniis Denis Denisa Denise
Denisse Deniz Denizalp Denkel Dennis Denny Dereck Derek Derick Derkay Derly Dermot Dermott Derrick Derval Dervilla
Dervla Deryanur Desiderio Desiree Desirée Desmond Despina Destiny Detlef Detlev Dev Devansh Devi Devika Devin
Deviner Devon Dewi Dex Deyanira Dezider Dezső Değer Değmeer Dhriti Dhruv Diah Diamond Dian Diana Dianah Diane Diann
Dianne Diarmaid Diarmuid Dick Dickson Dida Didier Didina Diederik Diedrich Diego Dierk Dieter Diethard Diethelm
Diether Dietlind Dietlinde Dietmar Dietrich Digdaya Digna Diken Dilan Dilara Dilcan Dilder Dildora Dilfeza Dilhuş
Dillon Dilnoz Dilnur Dilsitan Dilşad Dilşat Dimas Dimaz Dimitri Dimitrina Dimitrios Dina Dinah Dincer Dinda Dinis
Dino Dinu Dinçkol Dinçsü Diogo Dion Dionigi Dionisia Dionisio Dionne Dionýz Dipa Dipta Dirican Dirja Dirk Dirlik
Dismas Dita Ditmar Ditte Dittmar Divan Divya Diya Diyor Diyora Diána Diāna Djamel Dmitri Dobromila Dobroslav
Dobroslava Dochia Dodo Dogan Doina Dolly Dolores Dolphine Dolun Dom Domagoj Domantas Domas Domen Domenica Domenico
Domhnall Dominga Domingo Dominic Dominick Dominik Dominika Dominique Dominyka Dominykas Domitila Domnica Don Dona
Donagh Donal Donald Donata Donatas Donatella Donatello Donato Doniyor Donna Donnacha Donncha Dono Donough Donovan
Dora Doralisa Dorcas Dorcus Doreen Dorel Dorian Doriana Dorien Dorin Dorina Dorine Dorinel Doris Dorit Dorita Dorle
Dorli Dorota Dorotea Doroteja Dorothe Dorothea Dorothee Dorothy Dorothée Dorottya Dorte Dorthe Doru Dorukhan Douglas
Dounia Dovilė Dovud Dovydas Doyinsola Doğanalp Doğannur Doğanşah Doğuhan Draga Dragan Dragica Drago Dragutin
Drahomír Drahomíra Drahoslav Drahoslava Drajat Dražen Drew Dries Duane Duarte Dubán Ducu Duha Duilio Duje Duke Dulce
Duma Dumisani Dumisile Dumitra Dumitrana Dumitru Duncan Dunia Dunja Dunyo Durab Duracan Durante Durdali Durdona
Durgadin Durmuşali Durna Durodola Dursadiye Dursun Duruk Duruöz Dusan Dustin Duuk Duván Duyguhan Duyên Dušan Dušanka
Dwayne Dwi Dylan Dylano Dymphna Dympna Dzidra Dzintars Dzintra Dániel Dávid Dáša Débora Déborah Dénes Désiré Désirée
Dóra Dölensoy Döner Dörte Dörthe Dündaralp Dünya Dünyamalı Dürrüşehvar Dārta Dāvis Dũng Eadaoin Eamon Eamonn Eanna
Earl Eavan Eba Ebba Ebbe Eberhard Eberhardt Ebony Ebuakil Ebuka Ecaterina Ecegül Ecemiş Eckard Eckart Eckehard
Eckhard Eckhardt Eckhart Ecrin Eda Edaviye Edda Eddah Eddie Eddy Edel Edelbert Edelgard Edelmira Edelmiro Edeltraud
Edeltraut Edeltrud Eden Eder Edgar Edgaras Edgard Edgardo Edgars Edgübay Edhitha Edi Edier Edilberto Edilma Edilson
Edin Edina Edinah Edinson Edison Edisson Edit Edita Edith Editha Edmond Edmund Edmundo Edmunds Edna Edoardo Edouard
Edson Edu Eduar Eduard Eduarda Eduardo Eduards Edvard Edvardas Edvin Edvinas Edvīns Edwar Edward Edwin Edwina Edīte
Eelis Eemeli Eemil Eerik Eero Eesaa Eesha Eetu Eeva Efe Efil Eflâtun Efrain Efraín Efrén Efser Eftimia Eftimie Ega
Egbert Egenur Eggert Egidijus Egil Egils Eglė Egon Ehan Ehrenfried Ehrentraud Ehrhard Ehsaas Ehsan Eider Eidvilė
Eija Eijaz Eila Eileen Eilis Eilish Eimantas Eimear Eimer Eimhear Einar Einari Einer Eino Eira Eiravati Eirik Eitel
Eithan Eithne Eivind Eivor Eja Ejaz Ejlaal Eka Ekaja Ekalinga Ekani Ekansh Ekanta Ekantika Ekapad Ekaraj Ekaterina
Ekavir Ekbal Ekber Ekene Ekiya Ekkehard Ekkehart Ekmel Eko Ekow Ekrem Ekta Ekundayo Ekundu El El-Amin Ela Eladio
Elaf Elaine Elamiye Elariz Elba Elcira Elcy Eldar Eldon Elea Eleanor Eleanora Eleazar Elemér Elena Eleni Elenore
Eleodoro Eleonor Eleonora Eleonore Eleonóra Eleuterio Elfi Elfida Elfie Elfriede Elgin Elgün Elhan Eli Elia Eliabeth
Eliakimu Elian Eliana Eliane Elias Elie Eliecer Elien Eliette Elif Elifnur Eligia Eligio Eliisa Elijah Elin Elina
Eline Elinor Elio Eliona Eliot Eliott Elis Elisa Elisabet Elisabeta Elisabeth Elisaveta Elise Eliseo Elisha Elita
Eliud Eliza Elizabeta Elizabete Elizabeth Elize Eliáš Eliška Elkana Elke Elkin Ella Elladio Ellen Elli Ellie Ellinor
Elliot Elliott Ellis Elly Elma Elman Elmar Elmer Elmeri Elmidar Elmir Elmira Elmo Elmārs Elna Elnur Eloah Elodia
Elodie Elof Eloi Eloisa Eloise Elon Elona Elosy Eloy Eloá Eloísa Eloïse Elphas Elpidio Els Elsa Elsbeth Else
Elsebeth Elsie Elsy Elton Elturan Eluh Elva Elvan Elvana Elver Elvia Elvin Elvina Elvira Elvire Elvis Elvy Elvíra
Elvīra Elwira Elxan Elyas Elza Elzbieta Elçin Eléa Eléna Eléonore Elías Elöve Elīna Elşad Elżbieta Ema Emal Eman
Emanoil Emanuel Emanuela Emanuella Emanuelly Emanuil Emas Embuh Emeka Emelie Emelina Emeline Emely Emelyne Emer
Emerson Emese Emiel Emigdio Emil Emilce Emile Emilia Emilian Emiliana Emiliano Emilie Emilien Emilija Emilio Emilis
Emilly Emilse Emily Emin Emine Emir Emiro Emirşan Emiş Emma Emma-Louise Emmaculate Emmah Emmanuel Emmanuelle
Emmerich Emmet Emmett Emmi Emmy Emong Emperatriz Empluk Emran Emrullah Emy Emília Emīlija Emīls En-Sho Enar Encarna
Encarnacion Encarnación Encarnita Enda Endah Endra Endre Ene Enea Enes Enfes Engelbert Engin Enginiz Engla Enikő
Eniola Enith Enna Ennio Enno Enock Enrico Enrika Enrique Enriqueta Ensari Ensio Enteng Enver Enya Enzi Enzio Enzo
Eoghan Eoin Eowyn Ephantus Epifanio Eral Eraldo Erasmo Erastus Eraycan Erbay Erbil Ercan Ercihan Erdal Erdemer
Erdibay Erdmute Erdogan Erdursun Erem Eremia Eren Erenalp Erensoy Ergener Erginel Ergönül Ergül Ergün Erhard Erhardt
Eric Erica Erich Erick Erik Erika Erikas Erin Erina Erinçer Eriş Erkan Erkinel Erkki Erksoy Erkılıç Erland Erling
Ermanis Ermanno Ermenegildo Ermes Ermutlu Erna Ernest Ernestas Ernestina Ernestine Ernesto Ernests Ernst Ernst-
August Ernst-Dieter Ernst-Otto Erny Ernő Erol Eroğul Ersel Erseç Ertan Erten Ertuncay Ertün Erva Ervaniye Ervin
Ervín Erwan Erwin Eryk Eryn Eryıldız Erzsébet Eröz Erşat Esa Esben Esenbay Esengün Esentürk Esfandyar Eshan Eshana
Esi Esila Eskil Eskinalp Esko Eslemnur Esmanperi Esmarelda Esmee Esmeralda Esmira Esmée Esna Esneider Esparta
Espartaco Espen Esperanza Espiridión Essi Esteban Estefany Estefanía Estela Estella Estelle Ester Estera Esteri
Esther Estiawan Estiono Estiven Estrella Esupofo Eszter Eta Etela Etelka Etelvina Ethan Ethel Ethna Ethne Etibar
Etienne Etiqad Etizaaz Etta Ettore Euan Eufemia Eufrosina Eugen Eugene Eugenia Eugenie Eugenio Eugine Eugène Eugénia
Eugénie Eulalia Eulogio Eulália Eunan Eunice Eunika Eusebia Eusebio Eusebiu Eustaquio Eutimio Eutropio Eva Eva-Lena
Eva-Maria Eva-Marie Evald Evaldas Evaline Evalyne Evamaria Evan Evance Evangelia Evangelina Evangelista Evangelos
Evanghelina Evans Evaristo Evcimen Evde Eve Evelia Evelien Eveliina Evelin Evelina Eveline Evelio Evelyn Evelyne
Evelína Ever Everline Everlyne Evert Evi Evie Evija Evita Evrim Evrimer Evy Ewa Ewald Ewan Ewatomi Ewelina Exequiel
Eydan Eyyub Eyyüp Ezekiel Ezequiel Ezgin Ezgütekin Ezio Ezra Eşim Eşref Faas Faber Fabia Fabian Fabiana Fabien
Fabienne Fabio Fabiola Fabián Fabiënne Fabrice Fabricio Fabrizia Fabrizio Facundo Fadekemi Faderera Fadile Fadime
Fadıla Fahari Fahmi Fahrullah Fainche Faiq Faisa Faith Faizah Faizan Faize Falak Falan Falguni Falk Falko Fami
Fanaka Fancy Fang Fanni Fanny Faqid Farah Faraj Faraja Farangiz Faras Fares Farhan Farhiya Farhod Farhunnisa Farid
Farida Farijika Fariq Faris Fariz Fariza Farouk Faruk Farzona Fathonah Fatigül Fatih Fatiha Fatima Fatinur Fatma
Fatmanur Fatteh Fatuma Faustas Faustino Fausto Fay Faye Fayize Fazil Fazli Fazul Feargal Fearghal Febe Febi Fedde
Fedele Feden Federica Federico Federigo Fedor Fehim Fehintola Fehmiye Feisal Felicia Feliciana Feliciano Felicidad
Felicien Felicitas Felicity Feliks Feline Felipa Felipe Felisa Felista Felister Felistus Felix Felizitas Fella Fem
Femke Fenna Fenne Fenni Ferahdiba Ferat Feraye Ferdi Ferdinand Ferdinando Feremez Ferenc Fergal Fergus Ferhan Ferhat
Feriel Ferihan Ferinaz Fermuta Fermín Fernand Fernanda Fernande Fernando Ferney Ferny Ferre Fersan Feruza Feryas
Ferzi Festus Fetullah Feyha Feyruz Feyzin Feza Fiachra Fiamma Fibikemi Fidan Fidaye Fidel Fidela Fidelis Fidelma
Fidvi Fien Fiene Fiifi Fikayomi Fildan Filip Filipa Filipe Filippa Filippo Filit Filiz Filofteia Filomena Filoména
Fimar Finbar Finbarr Finian Finn Finola Fintan Fiodor Fiona Fionan Fionna Fionntan Fionnuala Fionnula Fiorella
Fiorenzo Fiorino Firdavs Firdevis Firdovsi Firmin Firudin Fitan Fitnat Fito Fitria Fitriani Fiyaz Fjolla Flannan
Flavia Flavie Flavio Flaviu Flemming Fletcher Fleur Floare Floarea Floor Floortje Flor Flora Flore Florea Florence
Florencia Florencio Florent Florentin Florentina Florentine Florentino Florian Floriana Floriane Florica Floridor
Florin Florina Florinda Florine Floris Florián Flynn Fodil Folashade Folke Folker Folkert Folu Fortunata Fortunato
Forum Fotima Fouzia Frado Fran Franc Franca France Frances Francesca Francesco Franchesca Franci Francia Francine
Francis Francisc Francisca Francisco Franciscus Franciska Franciszek Franck Franco Francoise Francy Franjo Frank
Frank-Michael Frank-Peter Franka Frankie Franklin Frankline Franky Frans František Františka Franz Franz-Josef
Franz-Peter Franz-Xaver Franziska François François-Xavier Françoise Frančišek Fraser Frauke Frazer Fred Freda
Freddy Frede Frederic Frederick Frederico Frederik Frederika Frederike Frederikke Frederique Fredi Fredo Fredric
Fredrick Fredrik Fredrika Fredy Freia Freja Fresia Freya Fricis Frida Fridah Fridolin Fridrich Frieda Friedbert
Friedemann Frieder Friedericke Friederike Friedhelm Friedhilde Friedhold Friedl Friedlinde Friedo Friedrich
Friedrich-Karl Friedrich-Wilhelm Frithjof Fritz Frode Froilán Frusina Fryderyk Frédéric Frédérique Fulgencio Fulvio
Fuma Fuzayl Fuzuli Fábio Fátima Félicie Féline Félix Fügen Füzuli Gabel Gabi Gabin Gabino Gabor Gabriel Gabriela
Gabriele Gabrielius Gabriella Gabrielle Gabrielly Gabriël Gaby Gada Gadang Gading Gaduh Gael Gaetano Gagan Gaia
Gaida Gail Gaiman Gaja Gal Gala Galak Galang Galar Galasso Galih Galina Galiono Galip Gallego Galo Galuh Galur
Galvarino Gaman Gamani Gamanto Gambira Gamblang Gambo Ganda Gandewa Gandi Ganep Gang Ganga Gangsa Gangsar Ganiye
Ganjaran Gantar Gara Garan Garang Garda Garech Gareth Garima Garret Garreth Garrett Garry Garvan Gary Gaspar Gaspard
Gaspare Gasti Gaston Gastone Gastón Gathoni Gatis Gatot Gatra Gaurang Gaurangi Gaurav Gauri Gaurika Gautam Gautami
Gauthier Gavan Gavin Gawati Gayathri Gaylene Gazel Gaël Gaëlle Gaëtan Gašpar Gbadebo Gbolahan Gbowoade Geanina
Gearoid Gebhard Gediminas Gedion Geert Geetika Geir Gejza Gelengül Gelsomina Gelu Gema Gemma Genaro Gencaslan Gene
Genevieve Geneviève Genovefa Genoveva Genta Gençay Geoffrey Geoffroy Geofrey Georg George Georgel Georges Georgeta
Georgette Georgia Georgian Georgiana Georgina Georgine Georgios Geovanny Gerald Geraldine Geraldo Gerard Gerarda
Gerardine Gerardo Gerardus Geraud Geray Gerd Gerda Gerdi Gereon Gerfried Gergely Gergő Gerhard Gerhardt Gerhart
Gerhild Gerlind Gerlinde Germain Germaine German Germana Germán Gernot Gero Gerold Gerolf Geronimo Gerrard Gerrit
Gerry Gerson Gert Gerta Gerti Gertraud Gertraude Gertraut Gertrud Gertrude Gertrudis Gertrúda Gervasio Gerwin Gery
Gerónimo Gesa Gesare Gesche Gesine Geta Gethera Getrude Geza Ghaalib Ghaazi Ghaffaar Ghafoor Ghaith Ghalib Ghaliyati
Ghanee Ghanem Ghani Ghannam Ghasaan Ghauth Ghawth Ghayoor Ghazalan Ghazanfar Ghazanfer Ghazawan Ghazi Ghazzal
Ghenadie Gheorghe Gherghina Ghilas Ghislain Ghislaine Ghiyaath Ghiyath Ghufran Ghulaam Ghulam Ghunayn Ghusharib
Ghusun Ghutayf Giacinto Giacobbe Giacomo Giada Giampaolo Giampiero Gian Gian-Luca Giancarlo Gianfrancesco Gianfranco
Gianina Gianluca Gianluigi Gianmarco Gianna Gianni Gianpaolo Gianpietro Gibson Gicu Gică Gideon Giedrius Giedrė Giel
Giesela Gifty Gijs Gil Gilang Gilbert Gilberte Gilberto Gilda Gildardo Giles Gilles Gillian Gillis Gilma Gilman Gina
Ginette Gino Gintarė Ginyas Gioacchino Gioachino Gioele Gioffre Gioia Gion Gionata Giorgia Giorgian Giorgiana
Giorgio Giosuè Giovanna Giovanni Giovanny Girik Girindra Girish Girolamo Gisa Gisbert Gisela Giselle Gislinde
Gisselle Gisèle Gitau Githinji Gitonga Gitta Gitte Giulia Giuliana Giuliano Giulietta Giulio Giuseppa Giuseppe
Giuseppina Giustino Giz Gizela Gizella Gizem Gladis Gladys Glauco Glen Glenda Glenn Glenys Gloria Goda Godelieva
Godelieve Godfrey Godofredo Godwin Goffredo Gohar Goma Goncafer Goncalo Gonzalo Gonçalo Gopal Goran Gorazd Gordan
Gordana Gordon Gorm Gottfrid Gottfried Gotthard Gotthilf Gotthold Gottlieb Gottlob Goyo Grace Gracia Graciana
Graciano Graciela Graeme Graham Grainne Grania Grant Grayson Grazia Graziano Graziella Grazyna Greca Greco Greet
Greg Grega Greger Gregg Gregor Gregorian Gregorio Gregory Greta Gretchen Grete Gretel Grethe Gretl Gretta Gricelda
Griet Grieta Grigore Griselda Grit Gro Grzegorz Grégoire Grégory Gréta Grēta Guadalupe Guarino Gudrun Gudula Guenter
Guenther Guglielmo Gugu Gugulethu Guido Guilherme Guillaume Guillermina Guillermo Guiomar Guiseppe Guiying Gulab
Gulfaam Gulfam Gulshan Gulzar Gumercindo Gun Gun-Britt Gunar Gunbir Gunborg Gunda Gundel Gundhild Gundi Gundolf
Gundula Guneet Guney Gunhild Gunilla Gunita Gunn Gunnar Gunnel Gunner Gunta Guntars Gunter Gunther Guntis Guntram
Gunvor Gunārs Gurli Gust Gustaaf Gustaf Gustas Gustav Gustave Gustavo Gustaw Gusti Gustáv Gusztáv Guus Guusje Guy
Gwen Gwenael Gwenaëlle Gwenda Gwendolen Gwendoline Gwendolyn Gyda Gytis Gytė Gyula Gyöngyi György Györgyi Győző
Gábor Génesis Gérald Géraldine Gérard Géza Gök Gökay Gökbudun Göken Göknur Gökperi Göksev Gökten Gökçe Gökçebalan
Gökçil Göli Gönen Gönül Göran Görgünay Görklü Görsev Gösta Göte Götz Gözel Gözem Gücal Gül Gülay Gülağa Gülbala
Gülbani Gülbeyan Gülbiye Gülcegün Güldam Gülder Güldünya Gülel Gülenay Güler Gülev Güleğen Gülfari Gülfeza Gülgen
Gülgüzel Gülhisar Gülinaz Gülkadın Güllühan Gülmira Gülmisal Gülnar Gülnaz Gülnaziye Gülnur Gülper Gülsalın Gülselin
Gülsen Gülseren Gülsevil Gülsiye Gülsü Gülsüm Gültac Gülten Gülter Gülxar Gülzadiye Gülzar Gülçe Gülçin Gülözge
Gülüs Gülüstan Gülüş Gülşa Gülşahin Gülşeref Gümüştekin Günar Günay Günaydin Günden Gündüz Gündüzalp Günebakan
Güneri Güngördü Güngören Günkurt Günsel Günser Günter Günther Günver Günşen Gürarda Gürcüye Gürelcem Gürsal Gürten
Güverçin Güzey Güçal Güçlüer Güçyeter Habib Habiba Habibe Habibu Habil Haciali Hacile Hadassa Hadi Hadicha Hadija
Hadithi Hadiza Hadjer Hadrey Hadrien Hafiz Hafsa Hafsat Hafshah Hafıza Hagen Haiba Hailey Hairyanto Hajnalka Hajo
Hakan Hakikat Hakim Halenur Haley Halid Halidun Halil Halim Halima Halina Halisi Haliye Haluk Hami Hamid Hamima
Hamis Hamish Hamisi Hamiyet Hampus Hamsini Hamza Hamzah Hana Hanako Hanbiken Hanedan Hani Hania Hanife Hanim Hanja
Hanna Hannabel Hannah Hannchen Hanne Hanne-Lore Hannele Hannelore Hannes Hanni Hanno Hanns Hannu Hanny Hanora Hans
Hans-Adolf Hans-Albert Hans-Bernd Hans-Christian Hans-Detlef Hans-Dieter Hans-Dietrich Hans-Eberhard Hans-Erich
Hans-Friedrich Hans-Georg Hans-Gerd Hans-Gerhard Hans-Günter Hans-Günther Hans-Heinrich Hans-Helmut Hans-Henning
Hans-Herbert Hans-Hermann Hans-Hinrich Hans-Joachim Hans-Jochen Hans-Josef Hans-Jörg Hans-Jürgen Hans-Karl Hans-
Ludwig Hans-Martin Hans-Michael Hans-Otto Hans-Peter Hans-Rainer Hans-Rudolf Hans-Theo Hans-Ulrich Hans-Uwe Hans-
Walter Hans-Werner Hans-Wilhelm Hans-Willi Hans-Wolfgang Hansgeorg Hansjoachim Hansjörg Hansjürgen Hanspeter Hanss
Hansultan Haralamb Haralambie Harald Harambee Harbinaz Hardana Hardi Hardik Hardy Hari Harijs Harimurti Harinakshi
Harini Harish Harita Hariz Harja Harjasa Harjaya Harjo Harley Harm Harmony Harnail Harol Harold Haroldo Haron Harper
Harri Harriet Harrison Harro Harry Harsana Harsanto Harsaya Harsh Harshil Hartaka Hartana Hartmut Hartmuth Harto
Hartwig Haruka Harun Haruna Harvey Hasan Hasbek Hasgül Hashiki Hasim Hasna Hasret Hassan Hasso Hasta Hatem Hatice
Hatima Hatin Hauwa Havali Havse Hawa Hawehindi Hayali Hayat Hayden Haydée Hayel Hayleigh Hayley Hayret Hayrünnisa
Hazeem Hazel Hazine Hazrat Heather Hector Hedda Hedi Hedvig Hedviga Hedvika Hedwig Hedy Hege Heide Heide-Marie
Heidelinde Heidelore Heidemarie Heiderose Heidi Heidrun Heidy Heike Heikki Heiko Heimo Heiner Heinfried Heini Heino
Heinrich Heinz Heinz-Dieter Heinz-Georg Heinz-Gerd Heinz-Günter Heinz-Günther Heinz-Joachim Heinz-Josef Heinz-Jürgen
Heinz-Otto Heinz-Peter Heinz-Walter Heinz-Werner Heinz-Wilhelm Heinz-Willi Heitor Hekima Hekime Hekmet Helan Heleen
Helen Helena Helene Helfried Helga Helge Heli Helinä Heliodoro Hella Helle Hellen Hellena Hellevi Hellmut Hellmuth
Helma Helmar Helmer Helmi Helmtrud Helmut Helmuth Heloisa Heloise Heloísa Helvi Helén Heléne Helēna Hema Hemal
Hemang Hemangini Hemani Hemi Hendra Hendri Hendrik Henife Henk Henna Henner Henni Henning Henny Henri Henric Henrich
Henricus Henrieta Henrietta Henriette Henrik Henrike Henrikki Henriks Henrique Henry Henryk Heracleea Heraclio
Heraldo Herbert Herberto Herdis Heribert Heriberto Herlinde Herma Herman Hermanis Hermann Hermann-Josef Hermanni
Hermelinda Hermenegildo Hermes Hermina Herminda Hermine Herminia Herminio Hermína Hernando Herney Hernán Herrmann
Herta Hertha Heru Hervé Herwig Heryanto Hesbon Hesti Heva Heyvetullah Hezniye Hezron Hicham Hicran Hidaya Hidde
Hideki Hidir Hilal Hilario Hilary Hilayda Hilda Hildah Hildburg Hilde Hildegard Hildegart Hildegund Hildegunde
Hilding Hilkka Hillary Hillevi Hilma Hilmar Hiltraud Hiltrud Himawan Hindal Hinet Hinewai Hinrich Hipólito Hiral
Hiroshi Hitesh Hiçsönmez Hjalmar Hjalte Hjördis Hoani Hocine Hodari Holger Hollie Holly Holm Homero Honora Honoré
Hope Horacio Horea Horia Horst Horst-Dieter Horst-Günter Horst-Peter Hortense Hortensia Hortenzia Horymír Hosea
Houcine Houda Howard Hoàng Hoşkadem Hredhaan Hritik Hrvoje Hsin-Hung Hsin-I Hsin-Yu Hsiu-Chen Hsiu-Chih Hsiu-Chin
Hsiu-Chu Hsiu-Chuan Hsiu-Feng Hsiu-Hsia Hsiu-Hua Hsiu-Lan Hsiu-Lien Hsiu-Ling Hsiu-Mei Hsiu-Ying Hsiu-Yu Hsiu-Yun
Huban Hubert Hubertine Hubertus Hudavent Hudson Hugh Hugo Hugues Huguette Hui-Chen Hui-Ling Hui-Mei Huia Hulda
Humaira Humaiya Humayra Humberto Humoyun Humphrey Hunalp Hunor Hunter Hurican Hurşide Hussein Huy Huzaifa Huzuri
Hynek Hà Håkan Håkon Håvard Héctor Héloïse Hélène Hüda Hükümdar Hülya Hümeyra Hürdoğan Hürmet Hüryaşar Hürüyet
Hüseyin Hüseyn Hüseynqulu Hüsmen Hüsnühâl Hıfzullah I-An I-Chen I-Ching I-Chun I-Fei I-Hsiung I-Hsuan I-Ting Iacob
Iain Ian Iancu Ianis Iara Iasmina Ib Ibaad Iben Ibeth Ibidapo Ibironke Ibn Ibolya Ibraaheem Ibraheem Ibrahim Ibrani
Ibrohim Ibun Ibán Ica Icha Ida Ide Idika Idrees Idris Idun Idık Ieremia Iesa Ieva Ifa Ifeanyi Ifechukwu Ifeoma Ifora
Iftikhaar Iftikhar Ifunanya Ige Ignace Ignacia Ignacio Ignacy Ignas Ignatz Ignaz Ignazio Ignác Ignė Igor Igors Ihab
Ihaia Ihsaan Ihsan Ihtesham Ihtiram Ihtishaam Ihtsham Iida Iiris Iisakki Ijaya Ijli Ika Ikbal Ikenna Ikeoluwa Iker
Ikhlaas Ikhsan Ikin Ikraam Ikram Ikramah Ikrimah Ikshita Ilan Ilari Ilaria Ilarie Ilarion Ildefonso Ildiko Ildikó
Ildız Ileana Ilenia Ilga Ilgı Ilhan Ilias Ilie Ilija Ilinca Ilja Ilka Ilkka Ilmari Ilmārs Ilona Ilonka Ilsa Ilse
Ilyas Ilyes Ilze Imam Imane Imants Imany Imara Imaran Imelda Imene Imke Immaculate Immo Imogen Imona Imran Imre
Imrich Imron Ina Inaya Indah Indali Indi India Indie Indira Indra Indrajit Indrek Indriķis Indrė Indy Ine Ines Inese
Ineta Inez Ing-Britt Ing-Marie Inga Inga-Britt Inga-Lill Ingalill Ingbert Inge Ingeborg Ingeburg Ingegerd Ingegärd
Ingela Ingelise Ingelore Ingemar Inger Ingetraud Ingetraut Ingmar Ingo Ingolf Ingrid Ingrida Ingried Ingrīda Inguna
Ingvar Inioluwa Inka Inken Inkeri Inmaculada Inna Innocent Inocencio Insa Inta Intan Inès Inés Inês Ināra Ioan Ioana
Ioanina Ioannis Iolanda Ion Iona Ionel Ionela Ionelia Ionică Iosefina Iosif Ippazio Ira Irena Irene Iretioluwa Irfan
Iriana Iridenta Irina Irine Irinel Iris Irja Irma Irmantas Irmela Irmeli Irmengard Irmgard Irmhild Irmi Irmingard
Irmtraud Irmtraut Irmtrud Irnanto Irsad Irungu Irwan Irya Irène Irén Iréne Irēna Irıs Isa Isaac Isaack Isabel
Isabela Isabell Isabella Isabelle Isabelly Isac Isack Isadora Isaiah Isak Isaline Isaque Isaura Isaya Isaías Ise
Iseoluwa Isfandiyor Isha Ishaan Ishani Ishanvi Ishita Ishola Ishwar Isidor Isidora Isidoro Isidro Isis Isla Islom
Ismael Ismail Ismaël Ismet Ismo Ismoil Ismık Isobel Isolde Isolina Israel Issa Issack Istvan István Ita Itanya Ituri
Itzel Itziar Iulia Iulian Iuliana Iuliu Iurie Iustin Iustina Iustinian Iva Ivan Ivana Ivanka Ivar Ivars Iver Iveta
Ivette Ivica Ivka Ivo Ivona Ivone Ivonne Ivor Ivy Iván Iwan Iwo Iwona Iyabode Iyadunni Iymona Izaaz Izabela Izabelė
Ize Izidor Iztok Iñaki Iľja Işin Işıkay Işıman Işın Jaabir Jaafar Jaak Jaakko Jaan Jaana Jaanus Jabal Jabbaar Jabir
Jabr Jabulani Jacek Jacinta Jacintha Jacinto Jack Jackeline Jackie Jackline Jackson Jacky Jaclyn Jacob Jacobine
Jacobo Jacobus Jacopo Jacqueline Jacques Jad Jade Jader Jadranka Jadwiga Jael Jaeman Jafar Jafet Jaffer Jaga
Jagapati Jagaraga Jagat Jagdish Jagrati Jagvi Jahangir Jahanzeb Jahdami Jahdari Jahi Jahiz Jahm Jahongir Jai Jaider
Jail Jaiman Jaime Jair Jairaj Jairo Jairus Jais Jaka Jake Jakob Jakobs Jakov Jakub Jalaal Jalal Jalees Jalia Jalil
Jalmari Jalol Jalsa Jamaal Jamal Jamalia Jameel James Jamie Jamie-Lee Jamie-Leigh Jamil Jamila Jamshid Jan Jan-Erik
Jan-Olof Jan-Peter Jan-Åke Jana Janaki Janani Jane Janet Janeta Janeth Janett Janette Janez Jangwa Jani Janice
Janick Janik Janin Janina Janine Janis Janja Jankat Janko Jann Janna Janne Janneth Janni Jannie Jannik Jannis Jano
Janos Januja Janus Janusz Janya Japhet Japheth Jaqueline Jared Jari Jarkko Jarl Jarlath Jarleth Jarmila Jarmo Jarne
Jarno Jarolím Jaromír Jaromíra Jaroslav Jaroslava Jaroslaw Jarrod Jaruthip Jaruwan Jarwa Jarwadi Jarwi Jasiri
Jasmani Jasmijn Jasmin Jasmina Jasmine Jasminka Jasmit Jasna Jason Jasper Jasur Jaswadi Jati Jatin Jatmiko Javan
Javi Javier Javiera Javohir Jaxon Jay Jaya Jayadi Jayda Jayde Jayden Jayeng Jaylinn Jayne Jayson Jazmin Jazmín Jean
Jean-Baptiste Jean-Charles Jean-Christophe Jean-Claude Jean-François Jean-Jacques Jean-Louis Jean-Luc Jean-Marc
Jean-Marie Jean-Michel Jean-Paul Jean-Philippe Jean-Pierre Jean-Pol Jean-Yves Jeana Jeanette Jeanine Jeanne
Jeannette Jeannie Jeannine Jeannot Jeanny Jebet Jecinta Jedidah Jeet Jeevika Jef Jeferson Jeff Jefferson Jeffery
Jeffrey Jefri Jeison Jeisson Jekaterina Jelagat Jelani Jele Jelena Jelita Jelka Jelle Jelte Jemimah Jemma Jemutai
Jen-Chieh Jena Jenaro Jenel Jenifer Jeniffer Jenipher Jenna Jenni Jennie Jennifer Jenniffer Jenny Jens Jens-Peter
Jens-Uwe Jente Jenő Jepchirchir Jepchumba Jepkemoi Jepkoech Jepkorir Jepkosgei Jeppe Jeptoo Jere Jeremi Jeremiah
Jeremias Jeremie Jeremy Jeremías Jerguš Jerica Jerker Jermaine Jerman Jermiah Jernej Jerneja Jeroen Jerome Jeronimo
Jerono Jerop Jerotich Jerry Jerson Jeruto Jerzy Jerónimo Jerôme Jesca Jesper Jesse Jessica Jessie Jessika Jessy
Jesus Jesusa Jesús Jet Jevgeni Jezups Jhalak Jhan Jhoan Jhoana Jhon Jhonatan Jhonny Jhony Jie Jill Jillian Jim
Jimena Jimmie Jimmy Jina Jinawi Jindra Jindřich Jindřiška Jing Jinjuta Jinthe Jip Jiri Jitka Jitrin Jiřina Jiří Jo
Joachim Joacim Joakim Joan Joana Joann Joanna Joanne Joannes Joao Joaquim Joaquin Joaquina Joaquín Joash Job Jobst
Jocelyn Jocelyne Jochem Jochen Jodi Jodie Jody Joe Joel Joep Joerg Joeri Joey Joffrey Johan Johana Johann Johanna
Johanne Johannes Johans John Johnathan Johnnie Johnny Johnson Johnstone Johny Joke Joko Jokūbas Jolana Jolanda
Jolanta Jolanthe Jolene Jolie Jolien Jolijn Jolina Joline Jolán Jon Jonah Jonas Jonatan Jonathan Jonathon Joni Jonna
Jonny Jono Jonás Jonáš Joojo Joona Joonas Joonatan Joost Joppe Joram Joran Jordan Jordana Jordi Jordon Jordy Jordán
Joren Jorge Joris Jorja Jorma Jorn Jort Jorunn Jorūnė Jos Jose Josef Josefa Josefiina Josefin Josefina Josefine
Joselyn Josep Joseph Josepha Josephat Josephina Josephine Josephus Josette Josh Joshua Josiah Josiane Josianne Josip
Josipa Joso Josphat Josphine Josse Jost Josue Josué Josy José Josée Joséphine Jouko Jouni Jovan Jovana Jovita Joy
Joyce Joyline Jozef Jozefína Jozo João Joé Joël Joëlle Joško Jožef Jožefa Jožica Jua Juan Juana Juanita Juanito Jude
Judit Judita Judith Judy Juergen Juha Juhana Juhani Juho Jui-En Jukka Jule Jules Juli Julia Julian Juliana Juliane
Julianna Julie Julie-Anne Julien Julienne Juliet Julieta Julieth Juliette Julija Julijana Julio Julita Julius
Juliusz Julián Juma Jumaane Jumadi Jumari Jun Juna June Jung-Hua Juni Junior Juozas Juraj Jure Jurgen Jurgita Juri
Jurij Juris Jurre Jussi Justas Justin Justina Justinas Justine Justiniani Justo Justus Justyna Justína Jutta Juul
Juulia Juuso Juvenal Juwon Jyoti Jyrki Jytte Ján János Jázmin Jérémie Jérémy Jérôme Jéssica Józef József Jörg Jörg-
Peter Jörgen Jörn Jørgen Júlia Július Jürgen Jüri Jānis Jāzeps Jēkabs Jēkaubs Jędrzej Jūla Jūle Jūlija Jūlijs Kaamil
Kaarina Kaarlo Kaashif Kaat Kaazim Kabeer Kabir Kabiru Kachela Kacper Kacung Kada Kader Kadir Kadri Kadınana Kafeel
Kahina Kahir Kahu Kahurangi Kai Kai-Hsiang Kai-Uwe Kaia Kaija Kaique Kairav Kaisa Kaiser Kaitlin Kaitlyn Kaj Kaja
Kajen Kajetan Kajji Kajsa Kajus Kala Kalbi Kaleb Kaleem Kaleema Kalervo Kalevi Kalgay Kalim Kalina Kalle Kalpit
Kaluwa Kamal Kamala Kamar Kamaria Kamau Kambali Kamidin Kamiel Kamil Kamila Kamilly Kamolchanok Kamran Kamron Kamya
Kana Kanak Kanda Kandef Kane Kani Kania Kanini Kanpulat Kaombwe Kaori Kapagan Kara Karaamat Karabaş Karaca Karaer
Karakucak Karam Karama Karan Karanbay Karani Karanja Karataş Karcan Kardelen Kardi Kareem Karel Karen Kari Karim
Karima Karimah Kariman Karimi Karin Karina Karine Kariuki Karja Karl Karl-August Karl-Dieter Karl-Erik Karl-Ernst
Karl-Friedrich Karl-Georg Karl-Hans Karl-Heinrich Karl-Heinz Karl-Hermann Karl-Josef Karl-Jürgen Karl-Ludwig Karl-
Otto Karl-Peter Karl-Werner Karl-Wilhelm Karla Karley Karlfried Karlheinz Karlijn Karlo Karlukhan Karlīna Karma
Karman Karmen Karna Karol Karola Karolien Karoliina Karolin Karolina Karoline Karolis Karolína Karsa Karsana Karsten
Karta Kartika Karya Karyn Kasam Kashan Kashangaki Kashif Kashish Kashvi Kasim Kasimir Kasiran Kasiyah Kaskazi Kaspar
Kaspars Kasper Kassim Kasusra Kata Katalin Katalina Katana Katariina Katarina Katarzyna Katarína Katarīna Katcha
Kate Katelijne Katelyn Katerina Katerine Kateřina Katharina Katharine Katherin Katherina Katherine Katherinne Kathi
Kathleen Kathrin Kathryn Kathy Kati Katia Katica Katie Katie-Louise Katja Katleen Kato Katri Katrien Katriina
Katrijn Katrin Katrina Katrine Katriona Katrīna Katty Katy Kauko Kauri Kauthar Kaver Kavurt Kavya Kawaca Kawaya
Kawkab Kawthar Kay Kay-Uwe Kayagün Kayden Kaye Kaygusuz Kayla Kaylee Kayleigh Kayrabay Kaysan Kayun Kayıt Kazi Kazim
Kazimierz Kazimír Kazuya Kazım Kaşif Kealan Keano Keanu Keegan Keelan Keely Keeva Kefser Keijo Keira Keisha Keith
Keji Keld Kelechi Kelli Kellie Kelly Kelly-Anne Kelly-Marie Kelsey Kelvin Kelâmi Kemal Kemba Kemboi Kemuma Kemunto
Ken Kenan Kenari Kendra Kenedy Kenes Keneth Kenichi Kenn Kennedy Kennet Kenneth Kenny Kent Kenter Kenth Kenyangi
Kenza Kenzie Kenzo Keri Kerime Kerman Kerri Kerrie Kerry Kerstin Kerttu Kerubo Kete Kevin Keya Keyaan Kezban Kezia
Keziah Khaalid Khaan Khadidja Khadija Khaled Khalid Khalil Khamani Khamisi Khanyisile Khloe Khoa Kiaan Kiah Kian
Kiandra Kiano Kiapo Kiara Kiaran Kiarie Kibafupia Kibar Kibet Kibibi Kiburi Kick Kiera Kieran Kiernan Kieron Kifaye
Kijana Kijani Kike Kikelomo Kiki Kilian Killian Kilonzo Kim Kimani Kimanzi Kimathi Kimberley Kimberly Kimbilio Kimeu
Kimmo Kimutai Kimya Kinaya Kinga Kingston Kinubi Kinuthia Kinyanjui Kinyua Kiojah Kioko Kipchirchir Kipchumba
Kipenzi Kipepeo Kipkemboi Kipkemoi Kipkirui Kipkoech Kipkorir Kipkosgei Kipkurui Kiplagat Kiplangat Kiplimo Kipngeno
Kipngetich Kipras Kiprono Kiprop Kiprotich Kipruto Kipsang Kiptoo Kipyegon Kira Kiramettin Kirby Kiri Kirk Kirsi
Kirsten Kirsti Kirstie Kirstin Kirstine Kirsty Kirui Kisima Kitan Kitti Kiume Kiwara Kiyasi Kjeld Kjell Kjersti
Kjetil Klaas Klara Klas Klaudia Klaudie Klaus Klaus-Dieter Klaus-Günter Klaus-Jürgen Klaus-Michael Klaus-Peter
Klaus-Ulrich Klaus-Werner Klavdija Klavs Klea Klemen Klemens Klement Kliment Klothilde Klára Kläre Knud Knut Kobe
Kocabaş Kodchaporn Koech Koen Koenraad Kofi Kojo Koko Kolawole Koldan Koloman Koncagül Kondo Konguralp Konrad
Konradi Konradus Konstantin Konstantinos Konstanty Konstanze Konštantín Kopan Kora Koray Korbinian Kordula Korede
Kori Korinna Korir Korkmazalp Kornel Kornelia Kornelija Kornelius Kornél Kornélia Korugan Kosgei Kosisochukwu
Kotryna Kotuz Kovu Koçak Koçkan Koşukhan Kreszentia Kreszenz Kriemhild Kris Krish Krisha Krishna Krista Kristaps
Kristel Kristen Krister Kristers Kristi Kristiaan Kristian Kristiane Kristie Kristien Kristiina Kristijan Kristin
Kristina Kristine Kristián Kristiāna Kristjan Kristof Kristofer Kristoffer Kristopher Krists Kristupas Kristy
Kristína Kristóf Kristýna Krisztina Krisztián Krisztofer Kritika Krišjānis Krišs Krištof Krystal Krystian Krystyna
Kryštof Krzysztof Ksawery Ksenija Kuan-Hung Kuan-Lin Kuan-Ting Kuan-Yu Kuchanua Kuddusi Kujoe Kullervo Kulnun Kumar
Kumiko Kumral Kumush Kunaporn Kuncara Kunibert Kunigunda Kunigunde Kuno Kunthara Kuo-Hsiung Kuo-Hua Kuo-Jung Kuria
Kurnia Kurt Kurtis Kurunzi Kusiima Kustaa Kusuma Kutay Kutgün Kutun Kvetoslav Kvetoslava Květa Květoslava Kwabena
Kwadwo Kwaku Kwamboka Kwame Kwamena Kwasi Kweku Kweli Kwesi Kyalo Kyan Kyano Kyara Kyla Kyle Kylian Kylie Kyllian
Kyllikki Kyosuke Kyra Kálmán Károly Kâmil Kâzime Käte Käthe Käthi Kåre Kévim Kévin Köker Köktaş Könül Kösemen Kübran
Künkyi Kürşad Kārlis Kęstutis Kılıçbay Kınel Kırat Kırgız Kısmet Kıvılcım Kızıl Kızıltunç Laban Labeeb Labib Labuh
Lacey Lachlan Lada Ladina Ladislau Ladislaus Ladislav Ladislava Ladli Lady Laeeq Laetitia Lage Lahiah Laia Laika
Laila Lailati Laimonis Laini Laiq Laith Lajita Lajlaj Lajos Laksana Laksh Lakshit Lakshmi Lala Lalita Lalo Laly
Lamar Lambert Lamberto Lameck Lamine Lan Lana Lanang Lance Lander Lando Langalibalele Langat Langgeng Lanjar Lantar
Laoise Laora Laqeet Lara Lara-Sophie Laras Larisa Larissa Larry Lars Lars-Erik Lars-Göran Lars-Olof Lars-Åke Lascăr
Lasmanto Lasmono Lasse Lassi Laswi Laszlo Latasha Lateef Latif Latika Latoya Laura Laure Laureano Laureen Lauren
Laurence Laurens Laurent Laurenz Lauretta Laurette Lauri Laurian Laurie Laurin Laurina Laurine Lauris Laurita
Laurits Laurynas Laus Laust Lautaro Lavanya Lavender Lavinia Lavínia Lavīze Lawrence Lawrencia Layla Laylo Layth
Laze Laziz Lazzaro Lazăr Lazım Laçın Laëtitia Laís Lea Lea-Sophie Leah Lean Leana Leander Leandra Leandro Leanne
Leano Ledün Lee Leela Leen Leena Leevi Lega Legawa Lei Leia Leider Leidy Leif Leigh Leila Leire Leke Lekha Lelia
Lembah Lena Lenah Lene Leni Lenin Lenka Lenn Lennard Lennart Lennarth Lennert Lenny Leo Leocadia Leocadio Leokadia
Leon Leona Leonard Leonardo Leoncio Leone Leonel Leonhard Leoni Leonid Leonie Leonor Leonora Leonore Leons Leontin
Leontina Leontīne Leopold Leopolda Leopoldina Leopoldine Leopoldo Leordean Leoš Lere Leroy Lerze Lesana Lesia Lesley
Leslie Lesly Leszek Leticia Leticija Letizia Letícia Levente Levi Levin Levis Levoslav Lewis Lex Leydi Leyla Leyla-
Katharina Leyli Leyre Lezize Leïla León Leónidas Lhanzey Li Li-Chen Li-Chin Li-Ching Li-Chu Li-Chuan Li-Hsiang Li-
Hsueh Li-Hua Li-Ling Li-Mei Li-Yu Li-Yun Lia Liam Lian Liana Liane Liban Libardo Libby Liberto Libia Libni Libor
Libuša Libuše Liceth Licia Lică Lida Lidia Lidija Lidwina Lidya Lieke Lien Liene Liepa Lies Liesa Liesbet Liesbeth
Lieschen Liesel Lieselot Lieselotte Lieve Lieven Lieze Ligia Ligita Liisa Lila Lili Lilia Lilian Liliana Liliane
Lilija Lilijana Lilita Lilja Liljana Lilla Lillemor Lilli Lillian Lilly Lilo Lilou Lily Liman Limar Limazah Limon
Lina Linah Linas Lincoln Linda Lindah Linde Lindsay Lindsey Line Linet Linh Linn Linnea Linnéa Lino Lintang Linus
Lio Lioara Lioba Lionel Lipika Lirjan Lisa Lisa-Marie Lisandro Lisanne Lisbet Lisbeth Lise Lise-Lott Lise-Lotte
Liselott Liselotte Liseth Lisette Lissette Lissi Lissy Liv Liva Livia Livingstone Livio Liviu Liwia Liya Liyaaqat
Liyaqat Liz Liza Lize Lizete Lizeth Lizz Lizzy Ljiljana Ljubica Ljubov Ljudmila Lloyd Lo Loan Lode Lodewijk Lodovico
Loek Loes Logan Lohit Loice Loida Lois Loise Loke Lola Lolita Lona Londisizwe Londiwe Lone Loni Lonnie Loot Lopa
Lope Lora Loraine Lorcan Lore Loredana Lorelei Lorena Lorenz Lorenza Lorenzo Loreto Loretta Loretto Lori Lorin
Lorine Loris Lorna Lorraine Lot Lotfi Lothar Lotta Lotte Lotti Lou Louana Louane Loui Louie Louis Louisa Louise
Louka Louna Lourdes Lourenço Lova Love Lovis Lovisa Lovre Lovro Lowe Lowie Loyola Loïc Loïs Luan Luana Luara Luay
Lubomír Luboš Luc Luca Lucas Lucca Luce Lucero Lucette Luchino Lucho Lucia Lucian Luciana Luciano Lucie Lucien
Lucienne Lucija Lucila Lucile Lucinda Lucio Lucky Lucrecia Lucrezia Lucy Lucía Ludger Ludivine Ludmila Ludmilla Ludo
Ludolf Ludovic Ludovica Ludovico Ludovicus Ludvig Ludvik Ludvík Ludwig Ludwina Luděk Luej Luena Luhung Luigi Luigina
Luis Luisa Luisana Luise Luisina Luitgard Luiza Lujza Luka Lukas Luke Lukita Lukman Lukáš Luluh Lulut Lumír Luna
Lungile Lunna Lupe Lupita Luqmaan Luqman Lurhur Lut Lutf Lutfan Lutfi Lutgarde Lutgardis Lutgart Luthfi Lutz Luuk
Luwar Luwes Luyanda Luz Luzia Luzie Luzmira Luís Luísa Lwandile Lyam Lydia Lydiah Lydiane Lydianne Lydie Lykke Lyna
Lynda Lyndon Lyndsay Lyndsey Lynette Lynley Lynn Lynne Lynnette Lynsey Lysiane László Lázaro Lâle Lâm Lærke Léa
Léana Léandre Léna Léo Léon Léonard Léonce Léone Léonie Léontine Léopold Lía Lívia Lúcia Lüfen Lütfi Lýdia Lýdie
Lăcrămioara Lėja Lība Līga Līna Līza Lūcija Maahir Maaike Maajid Maalik Maanas Maanav Maaria Maarit Maarten Maartje
Maawiya Maaya Maaz Maazin Mabad Mabel Mac MacKenzie Macarena Macaria Macario Macauley Macharia Macide Maciej
Mackenzie Macs Mad Madaha Madalena Madani Madara Maddison Made Madeleine Madelene Madelief Madeline Madhav Madhavi
Madina Madini Madison Madiyan Madleina Madlen Madoa Mads Madyan Mael Maeva Maeve Mafalda Maftuna Magali Magalie
Magaly Magarete Magda Magdalena Magdalene Magdaline Magdaléna Magdolna Maggie Maggy Magne Magnolia Magnus Magret
Magrit Mahad Mahali Mahaz Mahbeer Mahboob Mahbub Mahdee Mahdi Mahdy Maheen Maher Mahesa Mahfooz Mahfud Mahfuj Mahfuz
Mahi Mahigül Mahika Mahir Mahja Mahmood Mahmoud Mahmud Mahmut Mahnaz Mahsun Mahter Mahulena Mai Maia Maicol Maida
Maie Maighread Maija Maik Maike Maiken Maikol Maila Maimuna Maimunah Maina Maingi Maira Maire Mairead Mairin Mairtin
Maisa Maisha Maisy Maite Maitê Maivi Maj Maj-Britt Maj-Lis Maja Majani Majd Majdi Majdy Majeed Majella Majken Majvor
Makara Makarena Makau Makayla Makeen Makena Makini Makokha Makori Maks Maksim Maksimiljan Maksur Maksymilian Maksüde
Makunga Makuta Makuu Mala Malachy Malak Malcolm Malea Malena Malene Malgorzata Malik Malika Malin Malio Maliza Malle
Mallory Malou Malte Malthe Malu Malva Malvina Malvína Malwina Mamadou Maman Mamen Mamun Man Manaaki Manabu Manaf
Manah Manaia Manan Manawa Manbir Manca Manda Mandla Mandlakhe Mandy Manel Manfred Manila Manja Manola Manole Manolo
Manon Mansurali Mantas Manthan Mantė Manu Manuel Manuela Manuelita Manuella Manuelle Manus Manya Maqsud Mar Mara
Mara-Julie Maraea Maras Marc Marcantonio Marcel Marcela Marcelina Marceline Marcelino Marcell Marcella Marcelle
Marcello Marcelo Marcheta Marcia Marcial Marciano Marcin Marcio Marco Marcos Marcu Marcus Mare Maree Mareen Mareike
Mareikura Mareile Marek Mareks Maren Marese Marga Margana Margaret Margareta Margarete Margaretha Margarethe
Margarida Margarita Margaréta Margaud Margaux Margherita Margit Margita Margitta Margo Margot Margoth Margret
Margrethe Margrieta Margrit Marguerite Margus Marguy Mari Maria Maria-Luise Maria-Theresia Mariadi Mariah Mariam
Marian Mariana Mariane Marianela Mariann Marianna Marianne Mariano Maribel Marica Maricel Maricela Maricica Maricruz
Marie Marie-Ange Marie-Anne Marie-Cecilie Marie-Christine Marie-Claire Marie-Claude Marie-France Marie-Françoise
Marie-Hélène Marie-Jeanne Marie-José Marie-Laure Marie-Line Marie-Louise Marie-Luise Marie-Madeleine Marie-Noëlle
Marie-Paule Marie-Pierre Marie-Rose Marie-Sophie Marie-Theres Marie-Therese Marie-Thérèse Mariechen Marieke Mariela
Mariele Mariella Marielle Marieluise Marietta Mariette Marija Marijan Marijana Marijke Marijn Marika Marilena
Mariluz Marilyn Marin Marina Marine Marinela Marini Marinka Marino Marinus Mario Marioara Mariola Marion Marisa
Marise Marisel Marisela Marisol Marissa Maristela Marit Marita Maritta Maritza Marius Mariusz Marián Marja Marja-
Leena Marja-Liisa Marjaana Marjan Marjana Marjanca Marjani Marjatta Marjeta Marjo Marjona Marjorie Marjukka Marjut
Mark Markas Marketta Markku Marko Markus Markéta Marleen Marlen Marlene Marleny Marlies Marliese Marlis Marlon Marly
Marlyse Marlène Marlén Marnix Maroof Maroš Marsito Marsudi Mart Marta Martaka Martana Martani Marte Marten Martha
Marthe Martial Martijn Martim Martin Martina Martine Martino Martirio Martta Martti Martyn Martynas Martí Martín
Maruša Marvin Marwa Marwata Mary Maryadi Maryam Maryann Maryanne Maryanto Maryline Marylène Maryse Maryvonne Marzena
María Marína Masar Masika Masinde Mason Massiel Massimiliano Massimo Massinissa Masume Matas Mate Matea Matei Matej
Mateja Mateo Mateus Mateusz Matevž Matheo Matheus Mathew Mathias Mathieu Mathijs Mathilda Mathilde Mathis Mathys
Mathéo Mati Matias Matic Matija Matilda Matilde Matiu Matjaž Mato Matouš Mats Matteo Matthew Matthias Matthieu
Matthijs Matthäus Matti Mattia Mattias Matts Mattéo Matunda Matyáš Matéo Matías Matúš Matěj Matīss Maua Maud Maude
Mauno Maura Maureen Mauri Maurice Mauricette Mauricio Maurilio Maurine Maurits Mauritz Maurizio Mauro Maurycy Mavie
Mavuno Max Maxence Maxi Maxim Maxima Maxime Maximiano Maximilian Maximiliano Maximilien Maximilián Maximino Maximo
Maxine Maxwel Maxwell May Maya Mayerly Maykol Maynur Mayra Maysa Mayte Mazlum Maël Maëlle Maëlys Maëva Maïté Maşide
Maša Maža Mbithi Mboya Mbugua Mburu Mcebisi Mckenzie Meabh Meagan Meaghan Mechthild Mechthilde Mechtild Mecide Mecit
Meda Medard Medėja Meelis Meera Mees Mefarettin Mefharet Meg Megan Megha Meghan Meghana Mehdi Mehdiqulu Mehdiye
Mehin Mehman Mehmed Mehmet Mehmetzahir Mehrigül Mehrimoh Mei-Chen Mei-Chu Mei-Chuan Mei-Feng Mei-Hua Mei-Hui Mei-Lan
Mei-Li Mei-Ling Mei-Ying Mei-Yu Mei-Yun Meibh Meik Meike Meinhard Meinolf Meinrad Meja Mekhala Mel Melaha Melania
Melanie Melanine Melany Melba Melchor Melek Meleknur Melichar Melihcan Melikkan Melina Melinda Melisa Melissa Melita
Melitta Melker Melle Melody Melvin Melvine Melwin Melánia Melûl Memili Menfeat Mengi Mengüç Menişan Meral Merba
Mercedes Merche Mercy Mercyline Merdi Mereana Meredith Merel Merete Merethe Meriem Merijn Merike Merim Merja Merle
Merlin Mert Mertel Merva Merve Mervi Mervin Mervyn Mery Meryem Meryeme Merzuk Meshack Mestur Mesude Mesut Meta
Metehan Metin Metinkaya Metka Metod Metrine Mette Meveddet Mevlüdiye Mevlüt Meyhanim Meyransa Mezide Meşhur Mia
Micael Micaela Micah Miceal Micha Michael Michaela Michaele Michail Michal Michala Michaël Michał Micheal Micheala
Michel Michela Michelangelo Michele Micheletto Micheline Michell Michelle Michelotto Michiel Michèle Mick Mickael
Mickaël Mie Mieke Miel Mieszko Miglė Miguel Miguela Miha Mihael Mihaela Mihai Mihail Mihels Mihhail Mihin Mihkel
Mihnea Mihrab Mihriye Mihály Miia Miika Mijo Mik Mika Mikael Mikaela Mikaere Mikako Mikayla Mikayıl Mike Mikels
Mikhail Miki Mikkel Mikko Miklós Mikołaj Mikuláš Mikyas Mila Milada Milagros Milan Milana Milay Milcah Milda Mildred
Mile Milena Milica Milka Milkah Milla Millaray Mille Miller Millicent Millie Milo Milos Miloslav Miloslava Milota
Milou Milovan Miloš Milton Miluše Milán Mimi Mimmi Mimy Min Mina Mindaugas Mindy Minenhle Minerva Ming Ming-Che
Ming-Chu Ming-Hui Ming-Hung Ming-Te Ming-Tsung Minh Minibe Minna Minodora Minoru Mio Mioara Miodrag Mira Mirabela
Miran Miranda Miray Mirbadin Mircea Mirco Mirdza Mireia Mireille Mirela Mirella Mireya Miriam Miriama Mirian Mirja
Mirjam Mirjami Mirjana Mirko Mirna Miro Miron Mirona Mironshoh Miroslav Miroslava Miroslaw Miroslawa Mirriam Mirsad
Mirta Mirte Mirtha Mirthe Miruna Miryam Misael Mishat Mislav Misra Misty Misuli Mitali Mitchel Mitchell Mitchelle
Mitesh Mitică Mitra Mituru Mitzy Miyesser Mizhir Miķelis Miłosz Mkarkara Mladen Mlungisi Mnqobi Moa Modesta Modesto
Modris Modupe Mofifoluwa Mogens Mohamad Mohamed Mohamedi Mohammad Mohammed Mohamud Mohand Mohini Mohinur Mohlaroyim
Moira Moisés Mojca Mojisola Mojisoluwa Mojmír Mollie Molly Momanyi Momoko Mona Monalisa Monica Monicah Monika
Monique Monis Monja Monserrat Montserrat Mora Moraa Moradeke Morayo Moreen Morena Morenike Moreno Morgan Morgane
Morine Moritz Morolake Morris Morten Mortimer Moses Mosinmileoluwa Mosunmola Motunrayo Mouloud Mounir Mourad Moureen
Mourib Mourine Moussa Moya Moyosore Mrihani Mthokozisi Muarra Mubina Mucahit Muchiri Muema Mueni Mufide Mugambi
Mugdha Mugendi Mugo Mugur Mugurel Muhallil Muhamed Muhammad Muhammadali Muhammadamin Muhammadamir Muhammadayub
Muhammadaziz Muhammadrizo Muhammadsafo Muhammadsodiq Muhammadsolih Muhammadumar Muhammadyasin Muhammadyusuf
Muhammadziyo Muhammed Muhammet Muharrem Muhazzim Muhima Muhip Muhiye Muhsina Muhyettin Muia Muireann Muiruri Muizza
Mujde Mujur Mukbile Mukhwana Muktedir Mulele Muli Mulwa Mulya Mulyanto Mulyono Mumbi Mumo Mumpuni Mumtoz Munene
Mungai Muni Munisa Munyao Munyoki Murad Murat Muratcan Muriel Murielle Muriithi Murilo Murimi Murithi Muriuki Murod
Murray Mursalina Mursinin Mursita Murti Musa Musafet Musaffa Musau Musee Musembi Musfira Mushtariy Musila Muslim
Muslima Mustafa Mustafo Mustapha Mustika Mustofa Musyoka Musyoki Mutai Mutasım Muthama Muthengi Muthoka Muthoni
Muthui Mutia Mutie Mutinda Mutiso Mutisya Mutluhan Mutua Mutuku Mutunga Muturi Muvaffak Muvahhide Muxlisa Muxtar
Muzaffer Muzayyana Muzdahir Muzdalifa Muzhir Mwamini Mwanajuma Mwanamisi Mwangangi Mwangi Mwaniki Mwanzia Mwasaa
Mwaura Mwende Mwendwa Mwezi Mwikali Mwiti My Mya Myles Mylène Myra Myriam Myrthe Mzamo Márcio Mária Mário Márk Márta
Márton Mátyás Máté Máxima Máximo Märta Märtha Måns Mårten Mégane Mélanie Mélina Mélissa Mélodie Mía Mónica Mónika
Móric Möhsim Mübariz Mübetcel Mücellib Mücevher Müferrih Müfit Müjde Mükramin Mükrüme Mülayim Mülâyim Mümtaz Mümtaze
Münezzer Münif Müret Mürit Müsemma Müslum Müslüm Müveddet Müzekker Müğber Müşkünaz Müşüre Māra Māris Mārtiņš Mārīte
Mădălin Mădălina Mălina Mărioara Măriuca Na Naadir Naail Naajy Naasih Naasir Naathim Naazhim Nabeeh Nabeel Nabhan
Nabigh Nabih Nabil Nabila Nacer Nachiket Nacho Nacio Nada Nadeem Nades Nadeschda Nadeshda Nadežda Nadhir Nadia Nadim
Nadin Nadine Nadir Nadja Nadr Nadège Naděžda Nae Naeem Nael Nafasat Nafees Nafesa Nafii Nafile Nafis Nafula Naglis
Nahashon Nahiara Nahla Nahuel Naiara Naib Naide Nail Naim Naimh Nair Naja Najair Najam Najeeb Najib Najuma Najwa
Naki Nakif Nakip Naksh Nakul Nalar Naliaka Nalân Nam Namiq Nana Nanami Nancy Nand Nandini Nando Nanjala Nanna Nanni
Naoimh Naoise Naoki Naoko Naom Naomh Naomi Naomy Naoto Napoleone Naradi Narcis Narcisa Narciso Narcisse Nardi
Narhanim Narimane Narji Narıngül Nas Nasab Nashipie Nasiba Nasim Nasiru Nasra Nasrullah Nassim Nastja Nasuf Natacha
Natali Natalia Natalie Natalija Natalio Natalja Nataly Natan Natanael Nataniel Natascha Natasha Natasja Natasza
Nataša Nate Natella Nath Nathalia Nathalie Nathaly Nathan Nathanaël Nathaniel Nathari Nathasha Natiq Natividad
Nattawun Natália Natálie Natālija Naud Naveen Nawal Nayara Nayaret Nayareth Nayeli Nayfa Nayibe Nayil Naz Nazaret
Nazario Nazende Nazi Nazim Nazimet Nazir Nazlihan Nazlim Nazlı Nazıdil Naël Naïm Nağı Ndegwa Nderitu Ndirangu Nduku
Ndumiso Ndung'u Ndunge Ndungu Nduta Nea Neal Neasa Nebih Nebiha Necati Necdat Nechifor Necilal Necmettin Necva Nedas
Nedda Nedjma Neel Neelima Neema Nefaret Nefiye Neftalí Neha Nehemiah Nehip Neider Neil Neill Neja Nejc Nejdet Nekesa
Nel Nela Nelah Nelcy Nele Nelia Nelima Nelio Nell Nelli Nellie Nelly Nelson Nelsy Nelu Nelya Nenad Neo Neptün Nerea
Nereida Neriban Nerijus Nerim Neringa Nermin Nesfe Nesip Neslinur Neslisah Nesrine Nessa Nestor Nete Netra Nevaeh
Neval Nevenka Nevgin Neville Nevio Nevise Nevsal Nevsale Newton Neyran Nezengül Nezihi Nezize Neşrin Neža Ng'ang'a
Ngaire Ngamia Nganga Ngari Ngeni Ngigi Ngozi Ngugi Nhiên Nhlanhla Nia Nial Niall Niamh Niara Nibaldo Nicanor Nicat
Niccolò Nichakarn Nichifor Nichola Nicholas Nichole Nicholus Nick Nicklas Nickson Nicky Niclas Nico Nicoară Nicodemo
Nicodemus Nicodim Nicol Nicola Nicolae Nicolai Nicolaie Nicolaj Nicolas Nicolasa Nicolaus Nicole Nicoleta Nicoletta
Nicoline Nicolás Nicolò Nicu Niculina Nidhi Nidia Nidra Niek Niels Nienke Nieves Nigar Nigel Nigesa Nihad Nihai
Nihal Nihan Niharika Niilo Niina Nik Nika Nikau Nikita Nikki Niklas Niko Nikodem Nikol Nikola Nikolai Nikolaj
Nikolajs Nikolaos Nikolas Nikolaus Nikolett Nikoletta Nikolina Nikora Niks Nikša Nil Nilam Nilcan Nilda Nili Nilima
Nilo Nils Nilson Nilufar Nimakoah Nimrat Nina Ninetta Ninioluwa Nino Ninoska Ninthe Niracha Nirgül Nirja Nisa Nisha
Nitara Nitesh Nives Nixon Niyaga Niyaz Niyazi Niyilolawa Niğmet Njabulo Njagi Njenga Njeri Njeru Njiru Njogu Njoki
Njoroge Njozi Njue Njuguna Nkazimulo Nkiruka Nnamdi Nneka Noa Noah Noam Nobantu Nobuhle Noe Noel Noeleen Noelia
Noeline Noelle Noemi Noemí Nohora Noirin Nojus Nokulunga Nolan Nolberto Noleen Nollaig Nomagugu Nomalanga Noman
Nomasonto Nomathalente Nomathemba Nomcebo Nomthandazo Nomusa Nomvula Nonhlanhla Nonjabulo Nonso Noor Noora Noortje
Noppakao Nora Norah Norbert Norberto Norbey Nore Noreen Norica Norma Norman Normunds Notburga Nothando Noud Nour
Nout Nova Novi Novruz Noxolo Nozibusiso Nozima Nozizwe Noé Noémi Noémie Noël Noëlla Noëlle Nqobizitha Nrima Ntimi
Nuala Nubia Nugraha Nuhu Nula Nuno Nura Nural Nuran Nuray Nurbanu Nurcan Nurda Nurdeniz Nuretdin Nurettin Nurey
Nurgil Nurhayet Nuri Nuria Nuriat Nuriya Nuriyet Nurkan Nurlan Nurlana Nurmelek Nurmuhammad Nurseda Nurser Nursim
Nurtaç Nurten Nuru Nurul Nurulla Nurullah Nurveren Nury Nurşan Nutcha Nutkrita Nutwadee Nuyan Nuša Nwabudike Nyaboke
Nyaga Nyakundi Nyamai Nyambura Nyana Nyanchama Nyasi Nyawira Nydia Nynke Nyoka Nyoman Nyongesa Nyoni Nyota Nyuki
Nzioka Nzomo Nádia Nándor Nélida Néstor Nóra Núria Nübar Nüdret Nürice Oana Oba Obaid ObaniJesu Obdulia Obed
Obianuju Obinna Ocampo Ochieng Octav Octavia Octavian Octaviana Octavie Octavio Octaviu Océane Oda Odalis Odalys Odd
Odeline Odette Odhiambo Odhran Odika Odile Odina Odkanlı Odongo Oduor Oeshi Ofelia Ofeliya Oganer Ogechi Ogooluwa
Oguş Oisin Oiva Ojas Ojasvi Okanay Okbay Oke Okechukwu Okello Okgüçlü Okoth Okseven Okta Okto Oktüremiş Okumu
Okyalaz Ola Oladare Oladimeji Olaf Olajumoke Olakunle Olalla Olanrewaju Olansile Olasunmbo Olav Olavi Olca Oldağ
Oldrich Oldřich Ole Oleg Olegario Olena Olfert Olga Olgierd Olimpia Olimpian Olimpiu Oliva Olive Oliver Olivia
Olivie Olivier Olivija Oliviu Olivér Oliwer Oliwier Olle Olli Olof Ololade Oloo Olov Oluchi Olufunke Olufunmilayo
Olumorotimi Oluoch Oluwafemi Oluwagbemiga Oluwakemi Oluwamumibori Oluwamuyiwa Oluwasanmi Oluwasegun Oluwole Oluş
Olwen Olwethu Olympia Olívia Om Omaca Omair Omaira Omaja Oman Omar Omari Omeir Omer Omina Omisha Omkaar Omobobola
Omobolanle Omodunni Omolabake Omolara Omondi Omosalewa Omotara Omotayo Omotola Omotoun Omowumi Omran Omya Ona Onat
Ondieki Ondrej Ondřej Onesmus Ongay Oni Onkar Onni Onofre Onuker Onurcan Onursu Onveer Onyango Onyinye Oona Oonagh
Opan Ophelia Ophélie Opiyo Opung Opwonya Oqtay Oran Oranlı Orazio Orduxan Oreofe Orestas Oreste Orfelina Orfhlaith
Orgün Orhan Oriana Orinder Orla Orlagh Orlaigh Orlaith Orlando Orna Ornella Orsolya Ortak Ortansa Ortrud Ortrun
Ortwin Oruç Orvokki Orxan Orçin Osama Osamu Oscar Osha Osiyo Oskar Oskari Oskars Oskár Osman Osmo Osogo Ossama Ossi
Ossian Osunleke Osvald Osvaldo Osvalds Oswald Oswaldo Oswin Otabek Otakar Otay Otfried Othmar Otieno Otilia Otis
Otmar Oto Ottavio Ottfried Ottilia Ottilie Ottmar Otto Ottokar Ottomar Ottone Ottó Otávio Otília Otýlie Otīlija
Ouanes Ouma Oussama Outi Ove Ovidio Ovidiu Oviya Owais Owe Owen Owethu Owino Owuor Oxana Oyenike Oyindasola Oymak
Oysha Ozana Ozansü Ozioma Ozy Oğulbaş Oğurata Oğuzman Oļģerts Oľga Paavo Pabla Pablo Paca Pachongruk Paco Pacífica
Pada Padma Padmi Padraic Padraig Padraigh Padraigin Pahal Pai-Han Pai-Hung Pai-Jui Pai-Lin Pai-Yen Pai-Yu Paige
Paiman Pak Paker Pakjira Paksu Pallavi Palle Palmira Paloma Pam Pambe Pamela Pamfil Panagachie Panait Panca Pancho
Pandu Panfilo Pangeran Pangestu Panini Panji Pankrác Pannawich Panya Pao-Chu Paola Paoletta Paolo Paramita
Paraschiva Pardi Paride Parin Paris Parker Parman Parsa Parth Parvez Pascal Pascale Pascaline Paschal Pascual
Pascuala Pasi Paskalia Pasqual Pasquale Pastor Pastora Patchaploy Patcharaporn Patience Patric Patrice Patricia
Patricie Patricija Patricio Patrick Patrik Patrizia Patrizio Patryk Patrícia Pattamon Pattapon Pattatomporn Patty
Pau Paul Paul-Gerhard Paul-Heinz Paula Paule Paulette Pauli Paulica Paulien Pauliina Paulin Paulina Pauline Paulino
Paulius Paulo Pauls Paulína Paulīna Pauric Pavani Pavao Pavel Pavla Pavlína Pavol Paw Pawan Pawel Paweł Paye Payton
Paz Paşa Peace Peadar Peader Pearce Pearl Pearse Peder Pedro Peem Peer Peeter Peggy Pehlil Pei-Shan Pekka Pekkan
Pelaji Pelayo Pelle Pellegrino Pembesin Penelope Penina Peninah Penny Pentti Pepe Pepijn Pepita Pepito Per Per-Erik
Per-Olof Percy Peren Perinur Peris Perkasa Perla Perlita Permun Pernilla Pernille Pero Perrine Perry Pertti Pervaiz
Pesent Petar Pete Peter Peter-Michael Peterson Petr Petra Petrana Petras Petre Petri Petrică Petrina Petrona
Petronela Petronila Petros Petru Petrus Petter Petteri Peyton Phanice Phelim Phelix Phenphitcha Phileine Philemon
Philip Philipp Philippa Philippe Philippine Philis Phillip Philomena Phineas Phoebe Phoenix Phubes Phylis Phyllis
Phúc Pi-Chu Pi-Hsia Pi-Yun Pia Piaras Piedad Pien Pier Pierangelo Pierce Pierette Piergiorgio Piergiuseppe Pierina
Pierluigi Piermaria Piero Pierpaolo Pierre Pierre-Yves Pierrette Piersanti Piet Pieter Pieter-Jan Pietra Pietro Piia
Pijus Pilar Pili Pim Pin-Jui Pin-Yen Pin-Yu Pina Ping Pintusorn Piotr Piper Pippa Pirahmet Piran Piret Pirjo Pirkko
Pirmin Piroska Pitipat Pius Pleun Plinio Plácido Po-Wen Pol Polad Polina Polly Polona Polonca Pompeo Pompilia
Pompiliu Pomponio Poncio Pontus Pooja Popobawa Poppy Porfirio Pornchanok Poul Povilas Praba Prabawa Prabowo Prabu
Prakosa Prames Pranata Pranav Pranawa Praneel Pranit Prasetya Prasetyo Pratyush Pravoslav Prayitna Prayoga Prayogo
Preben Preston Priit Prima Primitiva Primitivo Prisca Priscah Priscila Priscilla Priscillah Prisha Priska Priya
Profira Prokop Prudence Prudencia Prudencio Przemysław Puccio Puck Puji Puk Pumbaa Puntira Puput Purificación Purity
Purwa Purwadi Purwanto Pushti Puspa Puti Putri Putu Pál Pánfilo Päivi Päivikki Pär Pål Pénélope Péter Pía Pío Pünhan
Pürçek Pătru Pēteris Přemysl Qaadir Qaasim Qabeel Qabil Qadar Qadeer Qadi Qadim Qadir Qahtan Qaim Qais Qalib Qamar
Qani Qanit Qaratel Qareeb Qarin Qaseem Qasid Qasif Qasim Qasım Qatadah Qawee Qay-yoom Qays Qiang Qiyas Qori Qoşqar
Quadir Quang Qudamah Quddoos Qudoos Queen Quentin Quincy Quinn Quinten Quinter Quinty Quique Quirino Qulam Qulu
Qumru Qurban Qusay Qushi Qutaybah Qutb Qutub Raaghib Raagini Raahil Raakin Raamis Raamiz Raashid Raatib Rabah Rabar
Rabb Rabbaanee Rabbani Rabbiye Rabea Rabecca Rabee Rabi Rabiah Rabih Rabit Racha Rachael Rachana Racheal Rachel
Rachelle Rachid Rachida Rachit Rachita Rachèle Rada Radek Radeke Raden Radha Radhee Radhika Radi Radika Radim Radit
Raditya Radka Radmila Rado Radomír Radoslav Radoslava Radosław Radovan Radovana Radu Radvilė Radúz Raed Raees Rael
Raewyn Raf Rafa Rafael Rafaela Rafaella Rafan Rafay Rafaél Rafaël Rafał Rafee Rafeek Rafeeq Raffael Raffaela
Raffaele Raffaella Raffaellino Raffaello Rafi Rafia Rafid Rafih Rafila Rafiq Raghav Ragheb Raghib Ragna Ragnar
Ragner Ragnhild Rahab Raharja Rahat Rahayu Raheel Raheem Rahel Rahiye Rahma Rahman Rahmat Rahmet Rahmi Raid Raihan
Raija Raik Raili Raimo Raimondo Raimonds Raimund Raimundo Raina Rainer Raisa Raissa Raivis Raivo Rajab Rajata
Rajeshri Rajko Rakide Raksha Ralf Ralf-Dieter Ralf-Peter Ralph Raluca Rama Ramadan Ramadhan Ramazan Ramid Ramil
Raminta Ramiro Ramon Ramona Ramunė Ramzi Ramón Ramūnas Rana Ranbir Randall Randi Randolf Randy Rangga Rani Rania
Ranieri Ranveer Raoul Raphael Raphaela Raphaël Raphaëlle Raquel Rasa Rashid Rashidi Rasim Rasma Rasmus Rastislav
Rasul Ratchanon Ratih Ratna Raul Rauno Raven Ravi Ravy Rawiri Ray Rayaan Rayan Rayana Rayhona Rayla Raymond Raymonde
Raymund Rayyona Rayén Razi Razı Raúl Reagan Rebeca Rebecca Rebecka Rebeka Rebekah Rebekka Rebihat Recep Recepali
Reda Redmond Reece Reet Refet Refik Regan Regina Reginald Regine Regitse Regitze Regína Regīna Rehaan Rehema Rehime
Rei Reidun Reijo Reimar Reimer Reimund Rein Reina Reinald Reinaldo Reine Reinel Reiner Reingard Reinhard Reinhardt
Reinhart Reinhild Reinhilde Reinhold Reinis Reino Rejane Reksa Relu Remazan Rembrandt Remedios Remi Remigio Remo
Remus Remy Rena Renaat Renan Renata Renate Renato Renaud Rendy Rene Renee Rengül Reni Rens Renske Renzo Renáta René
Renée Reshoni Resi Respati Restu Resulcan Reuben Reva Revza Rex Reyansh Reyes Reyhan Reyna Reynaldo Reza Rezin
Rezzak Rhavi Rhian Rhianna Rhianne Rhiannon Rhoda Rhona Rhonda Rhys Ria Riad Rian Rica Ricarda Ricardo Riccardo
Ricciotti Richard Richardt Richárd Rick Rickard Rickey Ricky Rico Rida Ridhi Ridwan Rigmor Rigo Rigoberto Rihards
Riikka Riina Riitta Rik Rika Rikard Rikke Riku Riley Rim Rimantė Rina Rini Rino Risalet Risasi Rishi Risper Risto
Rita Ritt Ritva Riya Riyad Riza Riziki Rizki Rizvan Ričardas Ričards Roan Roar Rob Robbe Robbie Robby Robert Roberta
Robertas Robertina Roberto Roberts Robin Robinson Robiya Robyn Rocco Rochdi Rochelle Rochus Rocio Rocío Rodah
Roderich Roderick Rodger Rodgers Rodica Rodney Rodolfo Rodolphe Rodrigo Rodrigue Roel Roeland Rogelio Roger Rogers
Rohaan Rohan Rohat Roise Roisin Rojnu Rojus Rok Rokas Roko Roksana Roland Rolandas Rolande Rolando Rolands Roldán
Rolf Rolf-Dieter Rolf-Peter Rollande Romain Romaine Roman Romana Romane Romano Romeo Romina Romolo Romuald Romualdas
Romulus Romy Román Roméo Ron Rona Ronal Ronald Ronaldo Ronan Ronith Ronja Ronke Ronni Ronnie Ronny Rono Rony Ronya
Roope Roos Roosa Roque Rory Rosa Rosa-Maria Rosalba Rosaleen Rosalia Rosalie Rosalina Rosalinda Rosalinde Rosalva
Rosalía Rosamel Rosanna Rosanne Rosaria Rosarie Rosario Rosaura Rose Rose-Marie Roseanna Rosel Roselinde Roseline
Roselyn Roselyne Rosemarie Rosemary Rosenda Rosendo Rosette Rosi Rosie Rosina Rosita Rosl Roslyn Rosman Rosmarie
Ross Rossa Rossana Rostislav Roswita Roswitha Rosy Rotich Rotraud Rotraut Rouven Rowan Rowena Roxana Roxane Roxanne
Roxelana Roy Roza Rozalia Rozalija Roziya Rozália Rua Ruairi Ruari Rubani Ruben Rubiela Ruby Rubén Rudecindo Rudi
Rudolf Rudolph Rudra Rudy Rudīte Rufina Rufino Ruggero Ruggiero Rugilė Ruhide Ruhiu Ruhsat Ruhshona Ruhugül Rui
Rukia Rumaysa Rumeysa Rune Rungo Rupert Ruperta Ruperto Ruqayya Ruqiya Rushil Ruslan Rusman Rusnė Russell Rusul Rut
Ruta Rute Ruth Ruthild Ruwaihim Ruxanda Ruxandra Ruy Ruža Ružena Ružica Ryan Ryder Rym Ryma Ryohei Ryosuke Ryszard
Rytis Rytė Rza Réginald Régine Régis Régulo Réka Rémi Rémy Róbert Rómulo Róza Rózsa Róża Röya Röyal Rúben Rübeyda
Rüdiger Rüknettin Rümeysa Rüşen Răducu Răzvan Rıfkıye Rūdolfs Rūta Růžena S'fiso Saabir Saad Saadat Saadiq Saafir
Saahir Saaiq Saajid Saal Saalih Saalim Saanvi Saaqib Saar Saara Saariyah Saba Sabah Sabahat Saban Sabar Sabari Sabas
Sabatino Sabbir Sabeeh Sabih Sabihe Sabil Sabin Sabina Sabine Sabiq Sabir Saboor Sabri Sabrina Sabur Saburah Sabína
Sabır Sacha Sachi Sad Sadaka Sadan Sadao Sadaqat Sadat Saddam Sadeed Sadeti Sadia Sadie Sadiki Sadina Sadiq Sadittin
Sadiye Sadıq Safari Safet Safia Safina Safinaz Safiri Safiya Safta Safura Saga Sahil Sahin Sahir Sahra Sai Said
Saida Saidi Saiful Saim Sair Sairah Saire Saka Sakari Sakina Sakip Saksham Sakti Sakura Salah Salami Saleh Salih
Salim Salima Salimah Salimet Salkın Sally Salma Salman Salohiddin Salome Salomea Salomey Salomé Salomón Salsabila
Salud Salurbay Salvador Salvatore Salvi Salwa Sam Samahat Samaksh Samama Samandar Samanta Samantha Samar Samarth
Samesh Sami Samiah Samina Samir Samira Samiya Sammy Samo Samson Samsul Samu Samuel Samuli Samurtay Samuël Samwel
Samweli Samy Sanavber Sanaya Sancak Sancho Sanda Sandalio Sander Sandi Sandile Sandis Sandor Sandra Sandrine Sandro
Sandu Sandy Sani Sanita Sanja Sanjar Sanna Sanne Sanni Santa Sante Santeri Santiago Santino Santos Sanur Sanya
Sançar Saoirse Saood Sapa Saphira Sara Sarabi Sarafina Sarah Sarah-Jane Sarah-Louise Sarai Sardor Sargın Sari Sarina
Sarita Sarmīte Sarpkın Sarthak Sarunporn Sarvan Sarvar Sarvinoz Sarya Sarıcabay Sascha Sasha Saskia Sathvik Satomi
Satrettin Satu Saturnina Saturnino Satya Satıa Saul Saulius Saumu Saumya Saundra Sauti Sava Savak Savannah Saverio
Saveta Savina Savni Sayalı Saydam Saygın Sayin Sayrak Sayuri Sayın Saçı Saïd Saúl Sağcan Sağıt Saša Sašo Scarlet
Scarleth Scarlett Scarlette Scot Scott Seamus Sean Sean-Paul Seana Seanan Seaneen Seanna Sebastiaan Sebastian
Sebastiano Sebastien Sebastijan Sebastián Sebastião Sebastjan Sebattin Sebigül Seblâ Seda Sedat Sedife Sefer
Segilola Segismundo Segundo Seha Sehel Seif Seija Sejda Selaheddin Selatin Selcan Selcen Selena Seler Selim Selime
Selin Selina Selma Selmin Selvi Selâtin Selçuk Sem Semat Semender Semenica Semine Semra Semrin Sena Senan Sencar
Seniha Senn Senna Senne Senol Senta Seona Seosamh Sep Sepp Seppe Seppo Septi Seracettin Serafina Serafín Serah Serda
Serena Serezli Serfinaz Serge Sergei Sergej Sergey Sergio Sergiu Sergius Serhatmehmet Serine Serma Sernur Serol
Serpil Server Servinaz Servác Sessa Seth Setya Sevara Sevcan Sevdi Sevdinar Seve Sever Severiano Severin Severina
Severine Severino Severo Severín Sevgen Sevginur Sevican Sevil Sevim Sevinc Sevinch Sevindik Sevla Sevsevil Seydo
Seye Seyfulla Seyfullah Seyhan Seyithan Seymur Seyran Seyyide Sezal Sezen Sezginbaş Seçgül Seçme Shaban Shadrack
Shahina Shahnoza Shahriyor Shahzod Shahzoda Shakila Shakira Shamsuddeen Shana Shane Shani Shania Shanice Shanna
Shannan Shannen Shannon Shari Sharlene Sharon Shaun Shauna Shauneen Shaurya Shawana Shawn Shawna Shay Shayne Shea
Sheamus Sheela Sheelagh Sheena Shehu Sheila Sheilah Sheilla Sheillah Shekoni Shelby Shelia Shelley Shelly Shem
Sheng-Hsiung Sheree Sheri Sherri Sherry Sheryl Shida Shiela Shih-Chang Shih-Han Shih-Ming Shinead Shirley Shivani
Shivansh Shohei Shohjahon Shohrux Shona Shota Shravya Shu-Chen Shu-Ching Shu-Chuan Shu-Fang Shu-Fen Shu-Hua Shu-Hui
Shu-Ling Shu-Mei Shu-Min Shukrona Sian Sibel Sibilla Sibille Sibonelo Sibongile Sibusisiwe Sibusiso Sibylla Sibylle
Sidar Siddharth Sidiq Sidki Sidonia Sidónia Siebe Siegbert Siegfried Sieghard Sieglinde Siegmar Siegmund Siegrid
Siegried Siegrun Siegward Siem Sien Siena Sienna Sierra Sifa Sifuna Sigfrid Sigfrido Sigfried Sigge Sigismund Sigita
Siglinde Sigmar Sigmund Signe Sigrid Sigrun Sigurd Sigvard Sihawukele Siim Siiri Sijuade Siku Sil Sila Silanur Silas
Sile Silja Silje Silke Sille Silondile Silva Silvana Silvano Silvester Silvestre Silvestro Silvia Silvian Silviana
Silvie Silvija Silvio Silviu Silvo Sima Simas Simber Simen Simeon Simi Similoluwa Simina Simion Simisola Simiyu Simo
Simon Simona Simonas Simone Simonetta Simonne Simphiwe SimphiweyiNkosi Simten Simão Simón Sina Sinaida Sindre Sindy
Sine Sinead Sini Sinică Sinikka Siniša Sintija Siobain Sioban Siobhain Siobhan Siofra Sione Siper Siphesihle Sirac
Sirap Siri Sirje Sirkka Sirpa Siska Sisko Sissel Sithembiso Siti Sitiwat Sittik Sittikorn Siv Sivert Sixten Sixto
Siya Siyabonga Sjoerd Skaidrīte Skolastika Skye Skyla Skylar Slamet Slavica Slavka Slavko Slavomír Slavomíra Slavěna
Slawomir Slobodan Sláva Slávka Smaranda Smiltė Smith Sneha Sneider Snježana Socorro Sofi Sofia Sofiane Sofie Sofija
Sofía Sol Solange Sole Soledad Soleh Soliha Soline Solma Solmaz Solomon Solveig Solvej Solvita Solène Somadina
Somtochukwu Sona Sonad Sonata Sondre Songurkan Songül Sonia Sonja Sonnur Sonny Sonya Sophia Sophie Sophie-Louise
Sophie-Marie Sophy Soraia Sorana Sorawut Soraya Sorcha Sorin Sorina Sosimo Sotaro Souad Soufiane Souma Soumia
Sowande Soydaner Soykan Soykut Soyselçuk Soňa Spencer Sphiwe Srečko Ssu-Yu Stacey Stacie Stacy Staffan Stan Stana
Stanca Stancu Stanislaus Stanislav Stanislava Stanislaw Stanisław Stanka Stanko Stanley Stavros Staņislavs Steen
Stef Stefaan Stefan Stefani Stefania Stefanie Stefano Steffen Steffi Stein Steinar Stela Stelian Steliana Stella
Stellah Stellan Sten Stephan Stephane Stephanie Stephany Stephen Stephene Sterre Steve Steven Stewart Stian Stien
Stig Stijn Stilla Stina Stine Stiven Stjepan Stojan Stuart Sture Stéphan Stéphane Stéphanie Su-Chen Su-Chin Su-Ching
Su-Chu Su-Lan Suat Subomi Subutiye Suci Sudi Sudiksha Sue Suhani Suleiman Sulhi Sultane Sumayya Summer Sunay Sune
Sunel Sungara Supasit Supasita Suphi Surya Susam Susan Susana Susanita Susann Susanna Susannah Susanne Suse Susi
Sussanne Sussie Suus Suvakit Suvi Suwijuk Suzana Suzanna Suzanne Suze Suzette Suzy Suğra Svante Svatopluk Svatoslav
Svea Svein Sven Sven-Erik Sven-Olof Svenja Svenning Sverre Svetlana Svetozár Svätopluk Světlana Swala Swaleh Swantje
Swen Swetlana Syahrini Sybilla Sybille Sydney Sylivia Sylke Sylvain Sylvaine Sylvana Sylvester Sylvia Sylviane
Sylvianne Sylvie Sylvio Sylvère Sylwia Synnøve Sys Szabolcs Szilveszter Szilvia Szilárd Szymon Sándor Sára Sânziana
Sébastien Sérgio Séverin Séverine Sílvia Sökmen Sönke Sören Söyler Sözer Søren Sørine Søs Sübhan Sücaettin Süha
Süheyda Sükrü Süleyla Süleyman Sümerya Sümeyye Süner Süsen Süvari Süzer Sıla Sırriye Sıylıhan Ta-tanisha Taahaa
Taahir Taaj Taalib Taamir Taanish Taariq Taban Tabassum Tabea Tabish Tabita Tabitha Taciddin Tadas Tade Tadeen Tadej
Tadeja Tadeo Tadeusz Tadeáš Tadhg Tafazal Tagangül Tage Taha Tahaw-wur Tahawwur Taheem Tahir Tahmaseb Tahmeed Tahmid
Tahoor Tahseen Tai Taial Taichi Taimur Taina Taine Taisir Taisto Taj Taja Tajammal Tajammul Tajudinn Tajus Takatifu
Takuma Talal Talat Talayer Talha Talhah Tali Talia Talib Talibe Talıb Tama Tamam Tamanna Tamara Tamati Tamaydın
Tamaşa Tambika Tami Tamilla Tammie Tammy Tamu Tamás Tan Tanak Tanay Tanbay Tandoğdu Tane Taneli Tangaroa Tanguy
Tangül Tanhan Tania Tanimu Tanish Tanja Tanmayi Tanner Tanpınar Tanses Tansev Tansığ Tantri Tanveer Tanvi Tanya
Tanyolaç Tanyu Tanır Tao Tapani Tapio Tara Tarak Tarancı Tarfaan Tari Tariyel Tarja Tarmo Taro Tartış Taru Tarzícius
Tasdik Tasha Tasnim Tassilo Tasvir Taswir Tatiana Tatjana Tatu Taufan Taufik Tauno Tautvydas Tawkeel Tayaydın Taygan
Tayla Taylak Taylor Tayyibe Tayyip Taçnur Taşar Taşkan Tea Teber Tecimer Tecla Ted Teddy Tedi Teea Teemu Teerth
Teetat Tegan Teguh Teija Teja Tejas Tejs Tekbay Tekecan Tekiner Tekla Teknaz Teksoy Telemaco Telim Tellervo Telman
Telmo Telse Temidayo Temime Temir Temirhan Temistocle Temizkal Temuçin Tenis Tenvir Tenzin Teo Teobaldo Teodor
Teodora Teodoro Teodors Teodosia Teodosio Teofil Teohari Teona Tercan Tere Terence Teresa Terese Teresia Teresiah
Teresita Tereza Terezija Terhi Terina Terje Terlan Tero Terrance Terrence Terri Terry Terttu Teréz Terézia Tess
Tessa Teun Teuvo Tevs Teybet Teymur Teymuraz Teymurçin Tezcan Tezol Teófila Teófilo Thabani Thabisa Thabisile
Thabiti Thaddeus Thaddäus Thalente Thales Thalia Thanatcha Thandazile Thandeka Thandiwe Thando Thea Theda Thekla
Thelma Thembeka Thembekile Thembile Thembisile Theo Theobald Theodoor Theodor Theodora Theodore Theodoro Theodoros
Theres Theresa Therese Theresia Therése Thi Thiago Thiare Thibaud Thibault Thibaut Thibo Thierry Thies Thijmen Thijn
Thijs Thilo Thinhinane Thom Thomas Thomás Thor Thoralf Thorben Thore Thorsten Thuo Thure Thuthukile Thành Théa Théo
Théodore Théophile Thérèse Tia Tiago Tiana Tiara Tiare Tiarna Tiarnan Tibe Tiberia Tiberiu Tibo Tibor Tiburcio Ticen
Tichomír Tiegan Tiernan Ties Tiffany Tiia Tiina Tiit Tiiu Tijl Tijmen Tijn Tijs Tilda Tilde Tilen Till Tillmann
Tilly Tilman Tilmann Tilo Tim Timbul Timea Timm Timmy Timo Timon Timotei Timotej Timoteo Timothy Timothée Timur
Timurtaş Timéo Tina Tinca Tindra Tine Tineke Tinne Tino Tira Tirdad Tirta Tirtayasa Tirza Tisa Tishk Titas Titi
Titilayo Titin Tito Titus Tivadar Tiziana Tiziano Tiğin Tjaša Tobias Tobiasz Tobiáš Toby Todd Todor Todsawun Tofiq
Toivo Toker Toki Toktuğ Tokunbo Toköz Tola Tolonbay Tolulope Toluwanimi Tom Toma Tomas Tomasa Tomasz Tomaž Tomi
Tomislav Tommi Tommy Tomo Tomori Tomoya Tomris Toms Tomurcuk Tomàs Tomás Tomáš Tomé Tone Tonguç Toni Tonia Tonicha
Tonino Tonje Tonny Tony Tonya Toomas Toon Topias Topuz Tor Tora Toralf Torben Torbjörn Torbjørn Tord Tore Torgny
Torhan Tori Toribio Torill Torquato Torsten Tory Tova Tove Tovuz Toy Toño Toğan Toğrul Tracey Traci Tracie Tracy
Traian Traude Traudel Traudl Traugott Traute Travis Treacy Treasa Trent Trevor Tri Tricia Triin Trina Trine Trini
Trinidad Trinity Triona Tripti Tristan Tristán Triveni Triya Troels Trond Troy Trude Trudel Trudi Trung Tránsito
Trīne Tsubasa Tsuma Tsung-Han Tsung-Hsien Tsung-Lin Tsung-Ming Tudor Tudora Tudosia Tuere Tufani Tugiman Tui Tuija
Tukufu Tule Tulia Tulio Tullio Tulun Tunahan Tunar Tunchanok Tunguç Tunradee Tunçboğa Tunçkılıç Tuomas Tuomo Turabi
Tural Turan Turcein Ture Turgut Turid Turlough Turvi Turxan Tutkucan Tutkun Tutu Tuukka Tuula Tuuli Tuulia Tuulikki
Tuur Tuva Tuyuğ Tuğcan Tuğrulhan Tuğtaş Tuğçe Twan Tycho Tygo Tyla Tyler Tymon Tymoteusz Tyra Tyrone Tyson Tzu-Chen
Tzu-Ching Tzu-En Tzu-Han Tzu-Hao Tzu-Hsiang Tzu-Jui Téo Tímea Tõnu Törel Tùng Tú Tükelalp Tülay Tülin Tümer Tümkurt
Tünde Türabi Türcan Türkalp Türkan Türkmen Türknur Tüzeer Tüzenur Tınal Ubaadah Ubadah Ubaid Ubaidah Ubaldo Ubay
Ubayd Ubaydullah Uberlinda Uberto Ubika Ucchal Uche Uchenna Uchita Uda Udant Udarsh Udeera Udo Udyati Uffe Ufukay
Ugnė Ugo Ugolino Uhban Ujamaa Ujunwa Ulakbey Uldis Ulduz Ulf Ulfat Uli Ulises Ulla Ulla-Britt Ullrich Ulrica Ulrich
Ulrik Ulrika Ulrike Ultan Ulu Uludağ Uluman Ulutay Uluğbey Ulva Ulya Uma Umaarah Umair Umande Umang Umar Umay Umaya
Umberto Umi Ummahani Umman Umoja Umutcan Umuşan Una Undine Unggul Unjani Unnati Unni Uno Uolevi Upadhriti Upasna
Upik Upkaar Upma Uraltay Urbain Urban Urbano Urfan Urhan Uriel Urishilla Urmas Urmi Uroš Urrab Urs Ursel Ursula
Urszula Urte Urvashi Urvi Urša Urška Uršuľa Us Uschi Ushan Ushindi Usiku Usman Usmon Usyi Uta Utama Ute Utkarsh
Utkucan Utz Uwe Uyanser Uygun Uzbay Uzima Uzsoy Uçan Uçbeyi Uğan Uğur Uğurkan Uğurtan Vacibe Vadim Vafir Vagn Vahar
Vahid Vahittin Vaida Vaidas Vaishnavi Vajèn Vakarė Vakris Valary Valborg Valda Valdemar Valdis Valeh Valentijn
Valentim Valentin Valentina Valentine Valentino Valentín Valentína Valentīna Valeri Valeria Valerie Valerij Valerija
Valerio Valeriu Valero Valeska Valid Valija Vallary Valter Valtteri Valère Valèria Valér Valéria Valérie Valéry
Vamakshi Vanda Vanesa Vanessa Vania Vanja Vansha Vanya Varenya Vargın Varlık Varsha Varvara Vasana Vasarė Vasatika
Vasco Vasif Vasil Vasile Vasilica Vasilică Vassilios Vasudha Vasyl Vaughan Vavrinec Vaysal Vazeh Vecide Veda Vedant
Vedat Vedhika Vedika Vedran Veer Veera Veerle Veeti Vefia Vega Vegard Veijo Veikko Veis Veit Veli Velitdin Vello
Velma Velta Venancio Venceslás Vendela Vendelín Vendula Venera Veneranda Veniamin Venla Vera Verde Verena Verim
Verner Verneri Vernon Vero Veronica Veronicah Veronika Veronique Verónica Vesa Vesna Veta Vezat Vezrife Vi Vic
Vicenta Vicente Vicki Vickie Vicky Victoire Victor Victoria Victoriano Victorine Victorino Victória Vid Vida Vidadi
Vidal Vidar Vide Vidhi Viera Vieroslava Viesturs Viggo Vigilija Vigo Vihaan Viivi Vija Viking Viktor Viktoria
Viktorie Viktorija Viktors Viktória Vildane Vilde Vilgot Vilhelm Vilhelmiina Vilhelmina Vilho Viliam Vilis Vilius
Viljami Viljem Viljo Villads Ville Vilma Vilmer Vilmos Vilnis Viltė Vilém Viman Vinaya Vince Vincenc Vincent
Vincentio Vincenza Vincenzo Vinciane Vineta Vinicio Vinicius Vinko Vino Vinsen Vinzenz Vinícius Viola Violet Violeta
Violetta Violette Viorel Viorela Viorica Viraj Virgilio Virginia Virginie Viridiana Virman Virpi Virág Visarion
Visitación Visvaldis Vita Vitali Vitalija Vitalis Vito Vitor Vittoria Vittorio Vitus Vitória Vivaan Viveka Vivi
Vivian Viviana Viviane Vivianne Vivien Vivienne Viļums Vjekoslav Vlad Vladimir Vladimír Vladimíra Vladislav
Vladislavs Vlado Vlaicu Vlasta Vlastimil Vlădelina Voicu Vojtech Vojtěch Voldemārs Volker Volkhard Volkmar Vratislav
Vratko Vrinda Vrishti Vritti Vuokko Vurğun Vusumuzi Vyanjana Vytautas Vytė Václav Vâlâ Vân Väinö Véronique Víctor
Vít Vítor Vítězslav Víťazoslav Vüqar Vüsal Vėjūnė Věra Vũ Waahid Waail Waajid Waceera Wachira Wadee Wadi Wadood Wafa
Wafae Wafeeq Wafi Wafiq Wafula Wage Wahab Wahb Wahban Waheed Wahhaab Wahhaaj Wahyu Waida Waimarie Wainaina Wairimu
Wakeeta Wakiman Walburga Waldemar Waldo Waldtraut Walentina Walfried Walid Walli Wally Walter Walther Waltraud
Waltraut Waltrud Waluyo Wamalwa Wambua Wambugu Wambui Wamwema Wan-Ting Wanda Wangari Wangila Wangui Wani Wanja
Wanjala Wanjiku Wanjiru Wanjohi Wannes Wanyama Wanyonyi Ward Warda Wardaya Wardi Warhi Waridi Warinder Warjas Warji
Warre Warren Warsa Warsita Warta Warwick Waseme Washington Wasin Wasis Wassaya Wassim Watika Wawan Waweru Wayne
Wazir Weddy Weena Wei Wei-Ting Wekesa Weldon Wen-Chang Wen-Cheng Wen-Chieh Wen-Chin Wen-Chung Wen-Hsiang Wen-Hsien
Wen-Hsiung Wen-Hua Wen-Lung Wen-Pin Wenceslao Wenche Wencke Wendelin Wendolin Wendy Wenke Wenzel Wera Werner Wesley
Wesonga Wessel Whitney Wibke Widisha Widya Wiebke Wieland Wieslaw Wigbert Wikitoria Wiktor Wilber Wilder Wilfred
Wilfredo Wilfrido Wilfried Wilfriede Wilhelm Wilhelmina Wilhelmine Wilhelmus Wille Willem Willfried Willi William
Williams Willian Willibald Willibert Willie Willis Willow Willy Wilma Wilman Wilmar Wilmer Wilson Wiltrud Wim Winda
Winfred Winfried Winifred Winni Winnie Winny Wira Wirda Wiremu Wishi Wisnu Witold Wladimir Wojciech Woldemar Wolf
Wolf-Dieter Wolf-Dietrich Wolf-Rüdiger Wolfgang Wolfhard Wolfram Wout Wouter Wriddhish Wridesh Wu-Hsiung Wulan Wulf
Wuraola Wyatt Wycliff Wycliffe Wálter Xalak Xalid Xaliq Xamis Xanana Xander Xankişi Xanlar Xanım Xaver Xavi Xavier
Xenia Xia Ximena Xiomara Xiti Xiulan Xiuying Xobeen Xolid Xosrov Xudaverdi Xudayar Xudu Xumar Xuân Xénia Ya-Chu Ya-
Hui Ya-Ling Ya-Ping Ya-Ting Ya-Wen Yaa Yaaseen Yachana Yacine Yada Yadavi Yadid Yadigar Yadira Yafi Yafir Yaghnam
Yagnesh Yago Yahia Yahvi Yahya Yahyaa Yahyo Yahşi Yahşikan Yair Yaiza Yakobo Yalazabay Yalgın Yaltırak Yalçın Yalın
Yaman Yamar Yameen Yamid Yamile Yamilet Yamin Yamini Yan Yana Yanara Yance Yanet Yaneth Yang Yani Yanina Yanira
Yanis Yanisa Yankı Yann Yannick Yannis Yaqeen Yaqoot Yaqub Yar Yara Yargı Yaritza Yasaar Yasan Yaseen Yasemen
Yasemin Yash Yashasvi Yashawini Yashem Yashica Yashoda Yashodhara Yashvi Yasin Yasina Yasinta Yasir Yasmin Yasmina
Yasmine Yasmín Yasna Yasser Yassin Yassine Yasti Yasuhiro Yatan Yathrib Yatin Yauvani Yavuz Yaw Yawar Yawer Yayak
Yazan Yazeed Yazganalp Yazgül Yazmín Yağın Yağızkurt Yaşar Yaşattin Yda Yecid Yeferson Yeimy Yeison Yejide Yekbun
Yekda Yelesen Yen-Ting Yeneral Yeni Yenifer Yenny Yeny Yepelek Yeraz Yergha Yerko Yerson Yertan Yesenia Yesica Yesid
Yesoob Yessenia Yessi Yessica Yetişal Yetunde Yewande Yeşil Yfke Yigit Yilmaz Yina Yineth Yinthe Ylva Ylvi Ylvie
Yngve Yoan Yoann Yocelyn Yochana Yoga Yohan Yohana Yohane Yoichi Yoko Yolal Yolanda Yolande Yolima Yonatan Yonathan
Yong Yono Yordan Yoruç Yosef Yoselin Yoshita Yosma Yosuke Youba Youcef Younes Youri Yousef Yousra Youssef Yrjö Yrsa
Ysaline Yu-Chen Yu-Chin Yu-En Yu-Fei Yu-Feng Yu-Hsiang Yu-Hsuan Yu-Lan Yu-Ling Yu-Mei Yu-Ting Yu-Tung Yu-Ying Yudy
Yueh-O Yueh-Tung Yueh-Ying Yug Yui Yuki Yuli Yulia Yuliana Yulieth Yuly Yumiko Yun-Fei Yung-Chang Yung-Ching Yuni
Yunis Yunita Yunt Yunus Yurani Yurany Yurdanur Yurdaser Yureed Yuri Yuridia Yurtgüven Yurtseven Yurttaş Yury Yusif
Yussuf Yusuf Yuta Yutika Yuvraj Yvan Yves Yvette Yvon Yvonne Yésica Yéssica Yönetmen Yücel Yücelen Yümun Yıldır
Yıldız Yılma Zaafir Zaahid Zaahir Zaakir Zabir Zablon Zac Zacarías Zach Zacharia Zacharias Zacharie Zachary
Zackariya Zaeem Zaenab Zafar Zafeer Zafir Zafrul Zahaar Zaharia Zaheer Zahfer Zahi Zahid Zahir Zahnya Zahra Zahri
Zahro Zahrun Zahur Zaib Zaid Zaida Zainab Zainabu Zaira Zaitra Zaituni Zak Zakaria Zakariyo Zakayo Zakhele Zakir
Zakiyaxon Zaliha Zalindra Zalán Zaman Zamfir Zamfira Zamin Zamiq Zamir Zamira Zane Zansi Zara Zarar Zaraza Zarina
Zarna Zashil Zauqi Zaur Zaweel Zayan Zayd Zaynab Zayyan Zayyir Zbigniew Zbyněk Zdenka Zdenko Zdeněk Zdeňka Zdislava
Zdravko Zebirce Zeferino Zehaan Zehnia Zehra Zehranur Zejna Zekayi Zeki Zelaya Zelda Zelha Zeljko Zelma Zemfira
Zemzem Zende Zenia Zennun Zeno Zenobia Zenon Zenovia Zenta Zenzele Zenzile Zerafet Zerdad Zeride Zevlüde Zewad
Zeynal Zeynelabidin Zeynep Zeyno Zeynulla Ziba Zibuyile Ziedonis Ziggy Zigrīda Zihni Zikmund Zilfa Zilmil Zimran
Zina Zinal Zineb Zinhle Zinnura Zinnure Zion Zipporah Zita Ziya Ziyaettin Zizi Zlatica Zlatko Zoe Zoey Zofia Zofija
Zoila Zoja Zoltan Zoltán Zora Zoraida Zoral Zoran Zorka Zoé Zoë Zsanett Zsigmond Zsolt Zsombor Zsuzsanna Zsófia Zuba
Zubayr Zubeyde Zuhri Zulaikha Zulema Zulfa Zulma Zumaridi Zunilda Zuwayhir Zuwena Zuzana Zvonka Zvonko Zwatie Zélie
Zöhrehan Züfer Züheyla Zülbiye Züleyxa Zülfüye Zülgarni Zümre Zümrüd Ábel Ádám África Ágata Ágatha Ágnes Águeda Ákos
Álex Álvaro Ámbar Ángel Ángela Ángeles Ánh Áron Árpád Áurea Âdem Âlemşah Ângela Ângelo Änne Åbjørn Åge Åke Åsa Åse
Çakar Çakırca Çaltı Çalım Çamok Çapkan Çavuldur Çağa Çağdan Çağlar Çağlasın Çağveren Çelem Çelikkan Çelikyürek Çerçi
Çetinsu Çeviköz Çevregül Çilga Çimnaz Çinerk Çingiz Çisem Çokan Çolpan Çopur Çoğay Çıdal Çıvgın Èric Édgar Édith
Édouard Élisabeth Élise Élodie Éléonore Émile Émilie Éric Érica Étienne Éva Ëakumbu Íngrid Íris Ísis Ítalo Íñigo
Óliver Óscar Öge Ökkaş Öktürk Ömer Ömriye Ömür Öncel Önel Öngen Önsal Örfiye Örik Örjan Öryürek Östen Över Övün
Özakan Özalpsan Özaslan Özay Özbay Özbilek Özbilge Özdal Özdeş Özdil Özdoğdu Özel Özerdinç Özertem Özge Özger Özgün
Özgür Özinal Özkent Özkutlu Özlem Özlü Özokçu Özpetek Özpınar Özsözlü Öztek Öztürk Özyurt Özçam Özüdoğru Öğet Øivind
Øjvind Ørni Øvli Øystein Øyvind Úrsula Übeydullah Üge Ülfet Ülke Ülküdeş Ülküm Ülle Ülvi Ümid Ümmahan Ümmet Ümmühan
Ümray Ünal Ünek Ünlen Ünsever Ünübol Ürfettin Ürper Üsame Üstün Üzer Üzeyir Üçgül Ādams Ādolfs Ārija Ąžuolas Đuro
Đurđica Ērika Ēriks Ēvalds Ğanim Ģederts Ģirts İbiş İbrahim İde İdiris İhsan İkiz İklim İlalmış İlbek İldem İldeş
İlgi İlham İlim İlkbahar İlkim İlkin İlklima İlmafer İlper İlqar İlsu İlteriş İlyas İmam İmge İmran İmren İmrihan
İnançlı İncifir İnqilab İnsaf İntihap İntiqam İntizar İrfan İsa İsak İslam İslime İsmayıl İsmet İsra İsrafil İvecen
İxtiyar İyiyürek İzel İzgü İçimbike İşcan Ľubica Ľubomír Ľubomíra Ľubor Ľuboslav Ľuboslava Ľuboš Ľudmila Ľudomil
Ľudomila Ľudovít Łukasz Şaban Şabettin Şadıman Şafii Şahat Şahdiye Şahinbey Şahinder Şahlar Şahmar Şahmettin Şahnaz
Şahnuray Şahıgül Şakir Şali Şamiha Şamil Şamxal Şanlı Şavki Şayan Şazime Şefi Şefiye Şehamet Şehreban Şehza Şekim
Şelâle Şemsettin Şemsinisa Şendoğan Şenkal Şennur Şerafeddin Şeref Şerman Şevket Şevketfeza Şeyda Şide Şilan Şinasi
Şirin Şirivan Şirzad Şuayp Şöhret Şükri Şüküfe Şükür Şıxı Šarlota Šarūnas Šime Šimon Špela Štefan Štefanija Štefica
Štefka Štefánia Štěpán Štěpánka Šárka Žan Žaneta Žanis Željka Željko Želmíra Žemyna Žiga Žigmund Živa Živilė Žofia
Žofie Žygimantas
"""

_ADDED = """
Abdel Abebe Abhishek Adebayo Aditi Aishwarya Akash Al Alemu Alexey Allie Ally Amit Ananya Andrii Andriy Anil Aoi
Arash Artem Arun Ashok Athena Ayaka Babak Babatunde Barb Betsy Bongani Bukola Cam Chaim Chet Chidi Chioma Chuck
Clint Daiki Dariush Deb Deepak Dimitris Dmitry Dmytro Dong-hyun Donnie Dottie Doug Dov Duc Dung Dwight Ed Efua Eitan
Emi Eun-ji Faisal Farai Farhad Feng Folake Freddie Funmilayo Gabby Ganesh Geeta Giannis Giorgos Grady Hai Haile Hanh
Hank Hao Haruto Hieu Hina Hoa Hong Huda Hui Huong Husain Hyun-woo Ike Ikechukwu Iman Iryna Itai Jae- Janie Jeb Jed
Jen Jess Ji-hoon Ji-woo Ji-yeon Jian Kaito Karthik Kateryna Kaveh Kavita Kazuki Keiko Kenji Khanh Kimmy Kiran Kostas
Kudzai Lakshman Len Lerato Liat Ling Lizzie Lon Lwazi Lyle Lyn Lyudmila Mahesh Manish Manny Marv Matt Mei Merv Min-
jun Min-seo Misaki Mitch Mo Moe Mort Moshe Mostafa Mykola Nadezhda Nasrin Natalya Navid Ned Ngoc Nikhil Nikos Nir
Nyasha Oksana Oleksandr Ollie Olusegun Oluwaseun Oren Orly Panagiotis Parisa Peng Phil Phuong Pouya Pradeep Prakash
Preeti Priyanka Qing Rahul Raj Rajesh Rakesh Ramesh Rami Reem Reggie Reid Rekha Ritu Rivka Rod Ronit Roscoe Roya
Russ Saeed Sameer Sana Sandeep Sanjay Satoshi Seo-yeon Seung-hoon Shai Shalini Shira Shirin Shreya Sid Sipho Soo-jin
Sota Spyros Srinivas Stu Sunil Sunita Suresh Susie Swati Takeshi Takumi Tamar Tamer Taras Tarek Tariq Tatenda
Tatyana Tendai Tesfaye Thabo Thanh Thao Themba Thu Trang Trish Tuan Tunde Ty Usha Vasilis Venkat Vern Vijay Vikram
Vinny Vivek Volodymyr Vy Wade Walt Wes Woody Xiaoli Xiaoming Xin Xiu Xue Yael Yasaman Yekaterina Yelena Ying Yoav
Yossi Yue Yuliya Yuto Zack Zanele Zawadi Zeke Zhen Zhi Ziad Ziv won
"""

_ENGLISH_WORDS = """
Among An Anom April Aria Aud August Bill Blessing Charity Chase Comfort Conn Crystal Del Dev Edit Edu Elif Else Ever
Faith Fares Floor Forum Grant Gun Guy Harm Hope Job June Junior Karma Kick Lady Lean Line Loan Lone Lot Love Lucky
Mac Made Mark Max May Mercy Meta Min My Nova Owe Patience Peer Per Ping Rim Ruby Said Sep Server Siri Sol Sole
Summer Sys Tea Tone Us Valid Washington Will
"""

FIRST_NAMES = frozenset(FAKER.split()) | frozenset(_ADDED.split())
NOT_EVIDENCE_ALONE = frozenset(_ENGLISH_WORDS.split())
